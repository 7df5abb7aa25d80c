using System.Diagnostics;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Logging;
using Velox.Host.Topology.Orders;
using Velox.Ipc;
using Velox.Ipc.Agents;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;

namespace Velox.Host.Topology;

/// <summary>
/// `velox engine`: subscribes the market-data stream, rebuilds an L2 book per instrument (<see cref="EngineBooks"/>),
/// and publishes an <see cref="EngineStatus"/> four times a second. Reports publisher liveness changes
/// (e.g. PublisherDead when md dies) on stderr and in the status record.
/// </summary>
public static class EngineCommand
{
    private static readonly string Usage = $"""
        usage: velox engine [--ipc-dir DIR] [--stream-md N] [--stream-status N] [--config FILE]
                            [--strategy mm|arb [--mode dry-run|paper] [--journal FILE]]
          --ipc-dir        IPC directory (default: ipc.directory of --config, else /dev/shm/velox-<user>)
          --config         JSON configuration: ipc.directory and logging (JSON lines: md.stream changes); with
                           --strategy also risk and strategy.mm (mm) or strategy.arb (arb)
          --stream-md      stream of normalized market-data events (default 10)
          --stream-status  stream of the engine's status record (default 21)
        {EngineTradingCommand.Usage}
        Runs until SIGINT/SIGTERM. Exit: 0 stopped by a signal, 2 usage, 3 failure.
        """;

    private const int FragmentLimit = 256;

    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued = ["ipc-dir", "stream-md", "stream-status", "config", .. EngineTradingCommand.Valued];

    public static int Run(string[] args)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem) || !TryRead(cli, out var md, out var statusStream, out problem)
            || !EngineTradingCommand.TryRead(cli, out var trading, out problem))
        {
            Console.Error.WriteLine($"velox engine: {problem}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!AgentConfig.TryLoad(cli, "velox engine", Console.Error, out var config))
        {
            return ExitCodes.Usage;
        }

        var directory = cli.Get("ipc-dir") ?? config?.Ipc.Directory ?? IpcOptions.DefaultDirectory();
        if (!AgentConfig.TryCreateLog(config, "velox engine", Console.Error, out var agentLog))
        {
            return ExitCodes.Failure;
        }

        using var log = agentLog;
        using var shutdown = new ShutdownSignal();
        using var ipc = new IpcDirectory(new IpcOptions { Directory = directory });
        using var subscription = ipc.AddSubscription(md);
        using var status = ipc.AddExclusivePublication(statusStream);
        Console.WriteLine($"velox engine: {directory} stream md {md} status {statusStream}");
        if (trading is not null)
        {
            return EngineTradingCommand.Run(ipc, subscription, status, trading, config, log, shutdown.Token);
        }

        Loop(subscription, status, new EngineBooks(), log, shutdown.Token);
        return ExitCodes.Ok;
    }

    private static void Loop(Subscription subscription, ExclusivePublication status, EngineBooks books, RunLog? log, CancellationToken stop)
    {
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var reader = new MarketDataFragmentHandler<EngineBookHandler>(new EngineBookHandler(books));
        var interval = Stopwatch.Frequency * TopologyStreams.StatusIntervalMillis / 1000;
        var nextStatus = Stopwatch.GetTimestamp();
        var lastState = subscription.Status;
        Span<byte> record = stackalloc byte[EngineStatus.Length];
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(subscription.Poll(ref reader, FragmentLimit) + status.DoWork());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextStatus)
            {
                nextStatus = now + interval;
                if (subscription.Status != lastState)
                {
                    lastState = subscription.Status;
                    Console.Error.WriteLine($"velox engine: market-data stream {lastState}");
                    log?.Logger.Message(log.Catalog.Component("engine"), Velox.Logging.LogLevel.Warn, "md.stream", $"market-data stream {lastState}");
                }

                new EngineStatus(books.Events, books.BookLevels, books.Trades, books.Instruments, books.CountTops(), books.CountInSync(), lastState).Write(record);
                status.Offer(record);
            }
        }
    }

    private static bool TryRead(CliArguments cli, out int md, out int status, out string error)
    {
        status = 0;
        if (cli.Positionals.Count > 0)
        {
            md = 0;
            error = $"unexpected argument '{cli.Positionals[0]}'";
            return false;
        }

        if (!cli.TryGetInt("stream-md", TopologyStreams.MarketData, 1, int.MaxValue, out md, out error) ||
            !cli.TryGetInt("stream-status", TopologyStreams.EngineStatus, 1, int.MaxValue, out status, out error))
        {
            return false;
        }

        if (md == status)
        {
            error = "--stream-md and --stream-status must differ";
            return false;
        }

        return true;
    }
}
