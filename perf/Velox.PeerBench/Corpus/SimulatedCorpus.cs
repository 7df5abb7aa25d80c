using System.Text;
using Velox.Simulator;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.PeerBench.Corpus;

/// <summary>
/// Generates a Bitfinex v2 stream WITH "cs" frames from the simulator's dialect core (no socket): a
/// fixed seed, synthetic time (1 ms polls, unthrottled market), and the conf ccxt sends (OB_CHECKSUM
/// only), so the same options always give the same bytes.
/// </summary>
public static class SimulatedCorpus
{
    public const int DefaultSeed = 20_240_601;

    /// <summary>What ccxt.pro sends after a book subscription: checksums on, no SEQ_ALL.</summary>
    public const int ConfFlags = BitfinexFlags.OrderBookChecksum;

    /// <summary>Two 25-level books and one trades channel: instruments whose prices print in plain decimals.</summary>
    public static readonly string[] Subscriptions =
    [
        "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}",
        "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}",
        "{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}",
    ];

    /// <summary>
    /// Sizes keep 6 decimals: ccxt formats checksum numbers with its numberToString, which prints
    /// 5.6e-7 as 0.00000056 where the venue (JS Number#toString) prints 5.6e-7, so any amount below
    /// 1e-6 in the top 25 fails ccxt's checksum and it drops the book (a third of its checks failed
    /// on 8-decimal sizes). With 6 decimals both pipelines verify every checksum and do the same work.
    /// </summary>
    public static readonly IReadOnlyList<SimInstrumentSpec> Instruments =
    [
        SimInstrumentSpec.BtcUsd with { SizeDecimals = 6 },
        SimInstrumentSpec.EthUsd with { SizeDecimals = 6 },
    ];

    /// <summary>At least <paramref name="frames"/> frames (whole polls), starting with info, conf and subscribed.</summary>
    public static FrameCorpus Generate(string name, int frames) => Generate(name, frames, DefaultSeed, ConfFlags, Subscriptions, Instruments);

    /// <summary>The frames connection 0 of a simulator with <paramref name="seed"/> sends after this conf and these subscribes.</summary>
    public static FrameCorpus Generate(string name, int frames, int seed, int confFlags, IReadOnlyList<string> subscriptions, IReadOnlyList<SimInstrumentSpec>? instruments = null)
    {
        var sink = new CorpusSink(new FrameCorpus(name, frames * 40));
        var options = new SimulatorOptions { Seed = seed, EventsPerSecond = 0, Instruments = instruments ?? SimInstrumentSpec.Defaults };
        var session = new BitfinexSession(options, sink, connectionIndex: 0, startNanos: 0);
        session.Open();
        session.OnClientMessage(Encoding.UTF8.GetBytes($"{{\"event\":\"conf\",\"flags\":{confFlags}}}"));
        foreach (var subscribe in subscriptions)
        {
            session.OnClientMessage(Encoding.UTF8.GetBytes(subscribe));
        }

        var now = 0L;
        while (sink.Corpus.Count < frames)
        {
            session.Poll(now += 1_000_000);
        }

        return sink.Corpus;
    }

    private sealed class CorpusSink : IFrameSink
    {
        public CorpusSink(FrameCorpus corpus) => Corpus = corpus;

        public FrameCorpus Corpus { get; }

        public void Send(ReadOnlySpan<byte> utf8Frame) => Corpus.Add(utf8Frame);

        public void SendBinary(ReadOnlySpan<byte> frame) => throw new NotSupportedException("the Bitfinex dialect sends text frames only");

        public void Close(bool abrupt)
        {
        }
    }
}
