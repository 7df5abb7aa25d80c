using System.Text;
using Velox.Core.Instruments;
using Velox.Simulator;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Benchmarks.Gate;

/// <summary>
/// A fixed replay: the simulator's Bitfinex stream (fixed seed, two 25-level books with a "cs" frame after
/// every update, trades) generated up front, then fed frame by frame through one
/// <see cref="BitfinexMarketDataSession"/> (parser, books, checksums). The first chunks are the warm-up
/// (subscriptions and snapshots land there); each measured invocation replays the next chunk of the same
/// stream, so the gate sees a long steady-state replay with no GC and no allocation.
/// </summary>
public sealed class SimulatedReplayScenario : HotPathScenario
{
    private const int Chunk = 10_000;
    private const int Warmup = 3;
    private const int Measured = 12;

    private byte[][] _frames = [];
    private BitfinexMarketDataSession _session = null!;
    private int _next;

    public override string Name => "Bitfinex.SimulatedReplay";

    public override int OperationsPerInvocation => Chunk;

    public override int WarmupInvocations => Warmup;

    public override int Invocations => Measured;

    /// <summary>Checksums the session verified (every one must: the stream is the simulator's own).</summary>
    public long ChecksumsVerified => _session.Stats.ChecksumsVerified;

    public override string? Verify()
    {
        var stats = _session.Stats;
        return stats.ChecksumsVerified < Measured * Chunk / 4 || stats.ChecksumMismatches != 0 || stats.Errors != 0
            ? $"the replay did not run clean: checksums verified {stats.ChecksumsVerified}, mismatches {stats.ChecksumMismatches}, errors {stats.Errors}"
            : null;
    }

    public override void Setup()
    {
        var frames = new List<byte[]>((Warmup + Measured) * Chunk);
        var sink = new Sink(frames);
        var options = new SimulatorOptions
        {
            Seed = 20_240_601,
            EventsPerSecond = 0,
            Instruments = [SimInstrumentSpec.BtcUsd, SimInstrumentSpec.EthUsd],
        };
        var simulator = new BitfinexSession(options, sink, connectionIndex: 0, startNanos: 0);
        simulator.Open();
        simulator.OnClientMessage(Encoding.UTF8.GetBytes($"{{\"event\":\"conf\",\"flags\":{BitfinexFlags.OrderBookChecksum}}}"));
        simulator.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}"u8);
        simulator.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}"u8);
        simulator.OnClientMessage("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}"u8);
        var now = 0L;
        while (frames.Count < (Warmup + Measured) * Chunk)
        {
            simulator.Poll(now += 1_000_000);
        }

        _frames = [.. frames];
        _session = new BitfinexMarketDataSession(new InstrumentRegistry(), new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.None });
        _next = 0;
    }

    public override void Invoke()
    {
        var session = _session;
        var end = _next + Chunk;
        for (var i = _next; i < end; i++)
        {
            session.ProcessFrame(_frames[i], i);
            if (session.PendingRequests != SessionRequest.None)
            {
                session.TakeRequests();
            }

            while (session.Outbound.TryPeek(out _))
            {
                session.Outbound.Advance();
            }
        }

        _next = end;
    }

    private sealed class Sink(List<byte[]> frames) : IFrameSink
    {
        public void Send(ReadOnlySpan<byte> utf8Frame) => frames.Add(utf8Frame.ToArray());

        public void SendBinary(ReadOnlySpan<byte> frame) => throw new NotSupportedException("the Bitfinex dialect sends text frames only");

        public void Close(bool abrupt)
        {
        }
    }
}
