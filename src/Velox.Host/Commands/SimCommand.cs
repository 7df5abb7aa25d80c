using Velox.Host.Cli;
using Velox.Simulator;
using Velox.Simulator.Faults;
using Velox.Simulator.Hosting;
using Velox.Simulator.Replay;

namespace Velox.Host.Commands;

/// <summary>`velox sim`: the embedded Bitfinex exchange alone, synthetic or replaying a capture.</summary>
public static class SimCommand
{
    private const string Usage = """
        usage: velox sim [--port P] [--rate EVENTS_PER_S] [--seed N] [--duration SECONDS]
                         [--faults LIST --fault-every SECONDS] [--replay CAPTURE [--pace recorded|full]]
          --port         port on 127.0.0.1 (default 9001; 0 = any free port)
          --rate         synthetic market events per second per connection (default 2000)
          --seed         synthetic market seed (default 1)
          --faults       inject these faults in turn on every connection: gap, checksum, malformed, disconnect, stall, reconnect-info, maintenance
          --fault-every  seconds between injected faults (default 5 when --faults is given)
          --replay       serve this capture's inbound frames to every client instead of a synthetic market
          --pace         recorded (default) or full speed, for --replay
        Clients connect to ws://127.0.0.1:P/ws/2 and speak Bitfinex WebSocket v2.
        """;

    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued = ["port", "rate", "seed", "duration", "faults", "fault-every", "replay", "pace"];

    public static int Run(string[] args)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem))
        {
            return Fail(problem);
        }

        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (cli.Positionals.Count > 0)
        {
            return Fail($"unexpected argument '{cli.Positionals[0]}'");
        }

        if (!cli.TryGetInt("port", 9001, 0, 65535, out var port, out problem) ||
            !cli.TryGetInt("rate", 2000, 1, 10_000_000, out var rate, out problem) ||
            !cli.TryGetInt("seed", 1, int.MinValue, int.MaxValue, out var seed, out problem) ||
            !cli.TryGetSeconds("duration", 7 * 24 * 3600, out var duration, out problem) ||
            !cli.TryGetSeconds("fault-every", 3600, out var faultEvery, out problem))
        {
            return Fail(problem);
        }

        FaultKind[] faults = [];
        if (cli.Get("faults") is { } faultText && !FaultPlan.TryParse(faultText, out faults, out problem))
        {
            return Fail(problem);
        }

        var replay = cli.Get("replay");
        var paceText = cli.Get("pace") ?? "recorded";
        if (paceText is not ("recorded" or "full"))
        {
            return Fail($"--pace must be recorded or full, not '{paceText}'");
        }

        if (replay is not null && !File.Exists(replay))
        {
            return Fail($"capture not found: {replay}");
        }

        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(duration);
        BitfinexSimulatorServer server;
        try
        {
            server = replay is null
                ? new BitfinexSimulatorServer(new SimulatorOptions { Seed = seed, EventsPerSecond = rate }, port)
                : BitfinexSimulatorServer.ForReplay(
                    () => CaptureFrameSource.Open(replay),
                    paceText == "full" ? ReplayPace.FullSpeed : ReplayPace.Recorded,
                    port);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Console.Error.WriteLine($"velox sim: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return ExitCodes.Failure;
        }

        using (server)
        {
            server.Start();
            Console.WriteLine($"velox sim: Bitfinex v2 on {server.Url}{(replay is null ? $" (synthetic, seed {seed}, {rate} events/s)" : $" (replaying {replay})")}{(server.RestUrl is { } rest ? $", authenticated REST (orders history, order trades) on {rest}" : string.Empty)}; Ctrl-C stops");
            var period = faultEvery ?? TimeSpan.FromSeconds(5);
            var injected = 0;
            while (!shutdown.Token.WaitHandle.WaitOne(faults.Length > 0 ? period : Timeout.InfiniteTimeSpan))
            {
                var kind = faults[injected++ % faults.Length];
                Console.WriteLine($"  injected {kind} on {server.InjectFault(kind, stallMillis: 300)} connection(s)");
            }

            Console.WriteLine($"velox sim: stopped after serving {server.AcceptedConnections} connection(s)");
        }

        return ExitCodes.Ok;
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine($"velox sim: {problem}");
        Console.Error.WriteLine(Usage);
        return ExitCodes.Usage;
    }
}
