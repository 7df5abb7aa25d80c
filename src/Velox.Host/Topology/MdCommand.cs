using System.Diagnostics;
using Velox.Core.Instruments;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Logging;
using Velox.Host.Topology.Orders;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Ipc.Agents;
using Velox.Ipc.Publications;
using Velox.MarketData.Rest;
using Velox.MarketData.Streams;
using Velox.Net.Reconnect;
using Velox.Venues.Binance.Connection;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Host.Topology;

/// <summary>
/// `velox md`: the market-data process. Connects the Bitfinex connector to a venue URL (and, with
/// <c>--venues bitfinex,binance</c>, the Binance connector: REST depth snapshot plus diff stream), publishes every
/// normalized event of both to the market-data stream under the topology's instrument ids
/// (<see cref="TopologyInstruments"/>), each connector turn that changed books closed by a batch end per changed book
/// (<see cref="Turn"/>), every inbound frame of both to the raw stream under its venue id (and each Binance REST
/// depth snapshot where the session applied it, <see cref="RawFrameHeader.RestResponseFlag"/>), and its counters as an
/// <see cref="MdStatusRecord"/> to the status stream four times a second. One thread does it all.
/// </summary>
public static class MdCommand
{
    private const string Usage = """
        usage: velox md --sim-url ws://HOST:PORT/ws/2 [--ipc-dir DIR] [--stream-md N] [--stream-raw N]
                        [--stream-status N] [--len 1|25|100|250] [--await-subscriber SECONDS] [--config FILE]
                        [--venues bitfinex|bitfinex,binance --binance-url ws://HOST:PORT/ws --binance-rest http://HOST:PORT/]
          --sim-url           Bitfinex-dialect WebSocket endpoint (the embedded simulator); with --config, default
                              ws://127.0.0.1:<simulator.port>/ws/2 when simulator.port is set
          --venues            bitfinex (default): the simulator's instruments; bitfinex,binance: the arbitrage's
                              tBTCUSD at Bitfinex and BTCUSDT at Binance (instrument ids 0 and 1)
          --binance-url       with binance: the Binance diff stream endpoint (the simulated Binance's /ws)
          --binance-rest      with binance: the Binance REST base for depth snapshots
          --config            JSON configuration: ipc.directory, simulator.port and bookLength, logging (JSON lines
                              with connection.up/down, book.resync, checksum.mismatch, gap, frame.error); flags win
          --ipc-dir           IPC directory (default /dev/shm/velox-<user>)
          --stream-md         stream of normalized market-data events, each connector turn that changed books
                              closed by one batch-end record per book (default 10)
          --stream-raw        stream of raw inbound frames, RawFrameHeader + bytes, venue id 1 Bitfinex, 2 Binance
                              (with its REST depth snapshots) (default 11)
          --stream-status     stream of md's status record (default 20)
          --len               book length subscribed per symbol (default 25)
          --await-subscriber  wait this long for a market-data subscriber before connecting, so it sees the
                              first snapshots (default 10)
        Subscribes books and trades of the simulator's instruments. Runs until SIGINT/SIGTERM.
        Exit: 0 stopped by a signal, 2 usage, 3 failure.
        """;

    private static readonly string[] Flags = ["help"];
    private static readonly string[] Valued =
        ["sim-url", "ipc-dir", "stream-md", "stream-raw", "stream-status", "len", "await-subscriber", "config", "venues", "binance-url", "binance-rest"];

    public static int Run(string[] args)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem))
        {
            Console.Error.WriteLine($"velox md: {problem}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (!AgentConfig.TryLoad(cli, "velox md", Console.Error, out var config))
        {
            return ExitCodes.Usage;
        }

        if (!TryRead(cli, config, out var settings, out problem))
        {
            Console.Error.WriteLine($"velox md: {problem}");
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            Console.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!AgentConfig.TryCreateLog(config, "velox md", Console.Error, out var agentLog))
        {
            return ExitCodes.Failure;
        }

        using var log = agentLog;
        using var shutdown = new ShutdownSignal();
        using var ipc = new IpcDirectory(new IpcOptions { Directory = settings.IpcDirectory });
        using var events = ipc.AddExclusivePublication(settings.MarketDataStream);
        using var raw = ipc.AddExclusivePublication(settings.RawStream);
        using var status = ipc.AddExclusivePublication(settings.StatusStream);
        AwaitSubscriber(events, raw, settings.AwaitSubscriber, shutdown.Token);

        var registry = TopologyInstruments.Create(settings.Binance is not null, out var specs);
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        foreach (var spec in specs)
        {
            session.SubscribeBook(spec.Symbol, "P0", "F0", settings.BookLength);
            session.SubscribeTrades(spec.Symbol);
        }

        var reconnect = new ReconnectPolicy(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(1));
        var rawFrames = new RawFramePublisher(raw, TopologyStreams.BitfinexVenueId);
        using var connector = new BitfinexConnector<MarketDataPublisher>(settings.Url, session, new MarketDataPublisher(events, TopologyStreams.BitfinexVenueId), reconnect)
        {
            RawFrames = rawFrames,
        };
        using var binance = settings.Binance is { } venue ? BinanceFeed.Create(venue, registry, events, raw) : null;
        Console.WriteLine($"velox md: {settings.Url}{(binance is null ? string.Empty : $" and {settings.Binance!.Url}")} → {settings.IpcDirectory} streams md {settings.MarketDataStream} raw {settings.RawStream} status {settings.StatusStream}, {registry.Count} instruments");
        Loop(connector, binance, rawFrames, events, raw, status, specs.Count, log is null ? null : MdLogWatch.For(log, connector), shutdown.Token);
        connector.Stop();
        binance?.Connector.Stop();
        return ExitCodes.Ok;
    }

    private static void Loop(
        BitfinexConnector<MarketDataPublisher> connector, BinanceFeed? binance, RawFramePublisher rawFrames, ExclusivePublication events, ExclusivePublication raw,
        ExclusivePublication status, int books, MdLogWatch? log, CancellationToken stop)
    {
        // Spin, then yield, then park up to 1 ms: fast wake-up under load without owning a core of a small box.
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var counters = new RunStatus<MarketDataPublisher>(connector, books, log: log);
        var interval = Stopwatch.Frequency * TopologyStreams.StatusIntervalMillis / 1000;
        var nextStatus = Stopwatch.GetTimestamp();
        Span<byte> record = stackalloc byte[MdStatusRecord.Length];
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(Turn(connector, binance?.Connector) + events.DoWork() + raw.DoWork() + status.DoWork());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextStatus)
            {
                nextStatus = now + interval;
                counters.Publish();
                var snapshot = counters.Take();
                ref var publisher = ref connector.MarketData;
                var published = publisher.Published + (binance?.Connector.MarketData.Published ?? 0);
                var dropped = publisher.Dropped + (binance?.Connector.MarketData.Dropped ?? 0);
                var rawPublished = rawFrames.Published + (binance?.RawFrames.Published ?? 0);
                var rawDropped = rawFrames.Dropped + (binance?.RawFrames.Dropped ?? 0);
                MdStatusRecord.Write(record, in snapshot, published, dropped, rawPublished, rawDropped);
                status.Offer(record);
            }
        }
    }

    /// <summary>
    /// One turn of each connector, each closed by its batch-end records (<see cref="MarketDataPublisher.EndBatch"/>):
    /// every frame of the socket read is applied and published before the boundary, so the engine never decides on a
    /// half-published diff; an idle turn publishes none. Returns the work done.
    /// </summary>
    public static int Turn(BitfinexConnector<MarketDataPublisher> bitfinex, BinanceConnector<MarketDataPublisher>? binance)
    {
        var work = bitfinex.DoWork();
        work += bitfinex.MarketData.EndBatch();
        if (binance is not null)
        {
            work += binance.DoWork();
            work += binance.MarketData.EndBatch();
        }

        return work;
    }

    /// <summary>
    /// Waits for the market-data subscriber; the raw stream's duty cycle runs too, so an archiver already waiting on it
    /// joins before the first frame.
    /// </summary>
    private static void AwaitSubscriber(ExclusivePublication events, ExclusivePublication raw, TimeSpan timeout, CancellationToken stop)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!events.IsConnected && !stop.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
        {
            events.DoWork();
            raw.DoWork();
            Thread.Sleep(1);
        }
    }

    private static bool TryRead(CliArguments cli, VeloxConfig? config, out MdSettings settings, out string error)
    {
        settings = default;
        if (cli.Positionals.Count > 0)
        {
            error = $"unexpected argument '{cli.Positionals[0]}'";
            return false;
        }

        if (!cli.TryGetInt("stream-md", TopologyStreams.MarketData, 1, int.MaxValue, out var md, out error) ||
            !cli.TryGetInt("stream-raw", TopologyStreams.RawFrames, 1, int.MaxValue, out var raw, out error) ||
            !cli.TryGetInt("stream-status", TopologyStreams.MdStatus, 1, int.MaxValue, out var status, out error) ||
            !cli.TryGetInt("len", config?.Simulator.BookLength ?? 25, 1, 250, out var length, out error) ||
            !cli.TryGetSeconds("await-subscriber", 3600, out var await, out error))
        {
            return false;
        }

        var urlText = cli.Get("sim-url");
        if (config is { Simulator.Port: > 0 })
        {
            urlText ??= $"ws://127.0.0.1:{config.Simulator.Port}/ws/2";
        }

        if (cli.Has("help"))
        {
            urlText ??= "ws://127.0.0.1:1/ws/2";
        }

        if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            error = urlText is null ? "--sim-url is required (or simulator.port in the --config file)" : $"--sim-url must be a ws:// or wss:// URL, not '{urlText}'";
            return false;
        }

        if (length is not (1 or 25 or 100 or 250) || md == raw || md == status || raw == status)
        {
            error = length is not (1 or 25 or 100 or 250)
                ? $"--len (or simulator.bookLength) must be 1, 25, 100 or 250 (Bitfinex book lengths), not {length}"
                : "--stream-md, --stream-raw and --stream-status must differ";
            return false;
        }

        if (!TryReadBinance(cli, out var binance, out error))
        {
            return false;
        }

        settings = new MdSettings(url, cli.Get("ipc-dir") ?? config?.Ipc.Directory ?? IpcOptions.DefaultDirectory(), md, raw, status, length, await ?? TimeSpan.FromSeconds(10), binance);
        return true;
    }

    private static bool TryReadBinance(CliArguments cli, out BinanceEndpoints? binance, out string error)
    {
        binance = null;
        error = string.Empty;
        var venues = cli.Get("venues") ?? "bitfinex";
        if (!TopologyInstruments.TryParseVenues(venues, out var withBinance))
        {
            error = $"--venues must be bitfinex or bitfinex,binance, not '{venues}'";
            return false;
        }

        if (!withBinance)
        {
            if (cli.Get("binance-url") is not null || cli.Get("binance-rest") is not null)
            {
                error = "--binance-url and --binance-rest need --venues bitfinex,binance";
                return false;
            }

            return true;
        }

        var urlText = cli.Get("binance-url");
        var restText = cli.Get("binance-rest");
        if (cli.Has("help"))
        {
            urlText ??= "ws://127.0.0.1:1/ws";
            restText ??= "http://127.0.0.1:1/";
        }

        if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            error = urlText is null ? "--venues bitfinex,binance needs --binance-url" : $"--binance-url must be a ws:// or wss:// URL, not '{urlText}'";
            return false;
        }

        if (restText is null || !Uri.TryCreate(restText, UriKind.Absolute, out var rest) || rest.Scheme is not ("http" or "https"))
        {
            error = restText is null ? "--venues bitfinex,binance needs --binance-rest" : $"--binance-rest must be an http:// or https:// URL, not '{restText}'";
            return false;
        }

        binance = new BinanceEndpoints(url, rest);
        return true;
    }

    private sealed record BinanceEndpoints(Uri Url, Uri Rest);

    private readonly record struct MdSettings(
        Uri Url, string IpcDirectory, int MarketDataStream, int RawStream, int StatusStream, int BookLength, TimeSpan AwaitSubscriber, BinanceEndpoints? Binance);

    /// <summary>
    /// md's Binance side: the diff-stream connector publishing into the market-data stream, its inbound frames and REST
    /// snapshots into the raw stream (<see cref="TopologyStreams.BinanceVenueId"/>), and its REST snapshot client.
    /// </summary>
    private sealed class BinanceFeed : IDisposable
    {
        private readonly HttpSnapshotClient _snapshots;

        private BinanceFeed(BinanceConnector<MarketDataPublisher> connector, RawFramePublisher rawFrames, HttpSnapshotClient snapshots)
        {
            Connector = connector;
            RawFrames = rawFrames;
            _snapshots = snapshots;
        }

        public BinanceConnector<MarketDataPublisher> Connector { get; }

        public RawFramePublisher RawFrames { get; }

        public static BinanceFeed Create(BinanceEndpoints endpoints, InstrumentRegistry registry, ExclusivePublication events, ExclusivePublication raw)
        {
            var session = ArbitrageVenues.CreateBinanceSession(registry, out _);
            var snapshots = ArbitrageVenues.CreateSnapshots(endpoints.Rest);
            var reconnect = new ReconnectPolicy(
                TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(2));
            var rawFrames = new RawFramePublisher(raw, TopologyStreams.BinanceVenueId);
            var connector = new BinanceConnector<MarketDataPublisher>(endpoints.Url, session, snapshots, new MarketDataPublisher(events, TopologyStreams.BinanceVenueId), reconnect)
            {
                RawFrames = rawFrames,
            };
            return new BinanceFeed(connector, rawFrames, snapshots);
        }

        public void Dispose()
        {
            Connector.Dispose();
            _snapshots.Dispose();
        }
    }
}
