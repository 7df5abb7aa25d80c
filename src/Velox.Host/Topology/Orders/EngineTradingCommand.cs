using System.Globalization;
using Velox.Host.Cli;
using Velox.Host.Config;
using Velox.Host.Logging;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Strategies;
using Velox.Strategies.Execution;
using Velox.Trading.Risk;

namespace Velox.Host.Topology.Orders;

/// <summary>The trading options of `velox engine` (--strategy mm|arb, --mode, --journal, the order streams) and the trading run.</summary>
public static class EngineTradingCommand
{
    /// <summary>Usage lines for `velox engine --help`.</summary>
    public const string Usage = """
          --strategy       mm: run the market maker on the book events and trade through og (default: books only);
                           arb: the cross-venue arbitrage tBTCUSD@bitfinex / BTCUSDT@binance, legs through two og's
          --mode           with --strategy: dry-run (default: og answers with synthetic reports) or paper (og sends
                           the orders to the simulator)
          --journal        with --strategy: the audit journal file (default: a new file in the temp directory)
          --stream-orders  order commands to og (default 12)
          --stream-reports execution reports from og (default 13)
          --stream-trading the trading status record (default 23)
          --stream-orders-binance   arb: order commands to the Binance og (default 14)
          --stream-reports-binance  arb: execution reports from the Binance og (default 15)
        """;

    /// <summary>The option names this adds to `velox engine`.</summary>
    public static readonly string[] Valued =
        ["strategy", "mode", "journal", "stream-orders", "stream-reports", "stream-trading", "stream-orders-binance", "stream-reports-binance"];

    /// <summary>Reads the trading options; <paramref name="settings"/> is null without --strategy. False with a usage message.</summary>
    public static bool TryRead(CliArguments cli, out EngineTradingSettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(cli);
        settings = null;
        error = string.Empty;
        var strategy = cli.Get("strategy");
        if (strategy is null)
        {
            foreach (var name in Valued)
            {
                if (cli.Get(name) is not null)
                {
                    error = $"--{name} needs --strategy mm or arb";
                    return false;
                }
            }

            return true;
        }

        if (strategy is not ("mm" or "arb"))
        {
            error = $"--strategy must be mm or arb, not '{strategy}'";
            return false;
        }

        var arbitrage = strategy == "arb";
        if (!arbitrage && (cli.Get("stream-orders-binance") is not null || cli.Get("stream-reports-binance") is not null))
        {
            error = "--stream-orders-binance and --stream-reports-binance need --strategy arb";
            return false;
        }

        var mode = ExecutionMode.DryRun;
        switch (cli.Get("mode") ?? "dry-run")
        {
            case "dry-run":
                break;
            case "paper":
                mode = ExecutionMode.Paper;
                break;
            case var other:
                error = $"--mode must be dry-run or paper, not '{other}'";
                return false;
        }

        if (!cli.TryGetInt("stream-orders", TopologyStreams.Orders, 1, int.MaxValue, out var orders, out error) ||
            !cli.TryGetInt("stream-reports", TopologyStreams.Reports, 1, int.MaxValue, out var reports, out error) ||
            !cli.TryGetInt("stream-trading", TopologyStreams.EngineTrading, 1, int.MaxValue, out var trading, out error) ||
            !cli.TryGetInt("stream-orders-binance", TopologyStreams.BinanceOrders, 1, int.MaxValue, out var binanceOrders, out error) ||
            !cli.TryGetInt("stream-reports-binance", TopologyStreams.BinanceReports, 1, int.MaxValue, out var binanceReports, out error))
        {
            return false;
        }

        int[] streams = arbitrage ? [orders, reports, trading, binanceOrders, binanceReports] : [orders, reports, trading];
        if (streams.Distinct().Count() != streams.Length)
        {
            error = arbitrage
                ? "--stream-orders, --stream-reports, --stream-trading, --stream-orders-binance and --stream-reports-binance must differ"
                : "--stream-orders, --stream-reports and --stream-trading must differ";
            return false;
        }

        var journal = cli.Get("journal") ?? Path.Combine(Path.GetTempPath(), $"velox-engine-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddTHHmmss}.journal");
        settings = new EngineTradingSettings(mode, Path.GetFullPath(journal), orders, reports, trading, arbitrage, binanceOrders, binanceReports);
        return true;
    }

    /// <summary>Trades until <paramref name="stop"/>; exit code.</summary>
    public static int Run(
        IpcDirectory ipc, Subscription marketData, ExclusivePublication status, EngineTradingSettings settings, VeloxConfig? config, RunLog? log,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(ipc);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Arbitrage)
        {
            return RunArbitrage(ipc, marketData, status, settings, config, log, stop);
        }

        using var orders = ipc.AddExclusivePublication(settings.OrderStream);
        using var reports = ipc.AddSubscription(settings.ReportStream);
        using var tradingStatus = ipc.AddExclusivePublication(settings.TradingStream);
        var publisher = new OrderCommandPublisher(orders);
        if (!EngineTrading.TryCreate(config ?? new VeloxConfig(), settings.Mode, settings.JournalPath, publisher, out var trading, out var error))
        {
            Console.Error.WriteLine($"velox engine: {error}");
            return ExitCodes.Failure;
        }

        using (trading)
        {
            Console.WriteLine($"velox engine: market maker on {trading!.Instrument.Symbol} ({(settings.Mode == ExecutionMode.Paper ? "paper" : "dry-run")}), orders → stream {settings.OrderStream}, reports ← stream {settings.ReportStream}, journal {settings.JournalPath}");
            var loop = new EngineTradingLoop(trading, marketData, reports, orders, status, tradingStatus);
            var summary = loop.Run(stop, state =>
            {
                Console.Error.WriteLine($"velox engine: {state}");
                log?.Logger.Message(log.Catalog.Component("engine"), Velox.Logging.LogLevel.Warn, state.StartsWith("og", StringComparison.Ordinal) ? "og.stream" : "md.stream", state);
            });
            Console.WriteLine($"velox engine: {summary}");
            return ExitCodes.Ok;
        }
    }

    private static int RunArbitrage(
        IpcDirectory ipc, Subscription marketData, ExclusivePublication status, EngineTradingSettings settings, VeloxConfig? config, RunLog? log,
        CancellationToken stop)
    {
        using var bitfinexOrders = ipc.AddExclusivePublication(settings.OrderStream);
        using var bitfinexReports = ipc.AddSubscription(settings.ReportStream);
        using var binanceOrders = ipc.AddExclusivePublication(settings.BinanceOrderStream);
        using var binanceReports = ipc.AddSubscription(settings.BinanceReportStream);
        using var tradingStatus = ipc.AddExclusivePublication(settings.TradingStream);
        var bitfinex = new OrderCommandPublisher(bitfinexOrders);
        var binance = new OrderCommandPublisher(binanceOrders);
        if (!EngineArbitrage.TryCreate(config ?? new VeloxConfig(), settings.Mode, settings.JournalPath, bitfinex, binance, out var arbitrage, out var error))
        {
            Console.Error.WriteLine($"velox engine: {error}");
            return ExitCodes.Failure;
        }

        using (arbitrage)
        {
            var p = arbitrage!.Host.Strategy.Parameters;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"velox engine: arbitrage {arbitrage.A.Symbol}@bitfinex / {arbitrage.B.Symbol}@binance ({(settings.Mode == ExecutionMode.Paper ? "paper" : "dry-run")}), min margin {p.MinMargin.Raw / (double)BasisPoints.RawPerUnit * 10_000:F1} bps, books older than {p.MaxDataAgeNanos / 1_000_000} ms not used; orders → streams {settings.OrderStream}/{settings.BinanceOrderStream}, reports ← {settings.ReportStream}/{settings.BinanceReportStream}, journal {settings.JournalPath}"));
            var streams = new EngineArbitrageStreams(bitfinexOrders, bitfinexReports, binanceOrders, binanceReports, status, tradingStatus);
            var loop = new EngineArbitrageLoop(arbitrage, marketData, streams, e => Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"velox engine: arb {e.Kind} → {e.State}: legs {e.BuyOrderId}/{e.SellOrderId}, quantity {e.Quantity / 1e8:0.########} BTC, exposure {e.Exposure / 1e8:+0.########;-0.########;0} BTC{(e.Reason == RiskRejectReason.None ? string.Empty : $", reason {e.Reason}")}")));
            var summary = loop.Run(stop, state =>
            {
                Console.Error.WriteLine($"velox engine: {state}");
                log?.Logger.Message(log.Catalog.Component("engine"), Velox.Logging.LogLevel.Warn, state.StartsWith("og", StringComparison.Ordinal) ? "og.stream" : "md.stream", state);
            });
            Console.WriteLine($"velox engine: {summary}");
            return ExitCodes.Ok;
        }
    }
}
