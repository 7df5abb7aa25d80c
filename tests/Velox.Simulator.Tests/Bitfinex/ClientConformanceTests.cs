using System.Text;
using Velox.MarketData.Capture;
using Velox.Simulator.Faults;
using Velox.Venues.Bitfinex.Replay;

namespace Velox.Simulator.Tests.Bitfinex;

/// <summary>The simulator's stream fed through Velox's own Bitfinex client session (parser, books, seq, cs).</summary>
public class ClientConformanceTests
{
    private static BitfinexReplayReport RunThroughClient(SimulatorOptions options, int flags)
    {
        var d = new SessionDriver(options);
        d.Send($"{{\"event\":\"conf\",\"flags\":{flags}}}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tXRPBTC\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"250\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tETHUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"1\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        d.Send("{\"event\":\"subscribe\",\"channel\":\"ticker\",\"symbol\":\"tXRPBTC\"}");
        d.Run(3_000, stepMillis: 2);
        var capture = Encoding.UTF8.GetBytes(string.Join('\n', d.Sink.Frames) + "\n");
        using var reader = CaptureReader.Open(new MemoryStream(capture), CaptureFormat.FramePerLine);
        return BitfinexReplayCheck.Run(reader);
    }

    [TestCase(65536 | 131072)]
    [TestCase(32768 | 65536 | 131072)]
    public void CleanStream_PassesEveryClientCheck(int flags)
    {
        var report = RunThroughClient(new SimulatorOptions { Seed = 31, EventsPerSecond = 3000, HeartbeatInterval = TimeSpan.FromMilliseconds(100) }, flags);
        var stats = report.Stats;
        Assert.That(stats.ChecksumsVerified, Is.GreaterThan(1000));
        Assert.That(stats.ChecksumMismatches, Is.Zero);
        Assert.That(stats.SequencesChecked, Is.GreaterThan(1000));
        Assert.That(stats.SequenceGaps, Is.Zero);
        Assert.That(stats.DeletesOfMissingLevels, Is.Zero);
        Assert.That(stats.Errors, Is.Zero, report.ToReplayCheckReport("test").ToJson());
        Assert.That(stats.Resyncs, Is.Zero);
        Assert.That(stats.TradesExecuted, Is.GreaterThan(10));
        Assert.That(stats.Tickers, Is.GreaterThan(10));
    }

    [Test]
    public void InjectedGap_IsTheOneGapTheClientDetects()
    {
        var faults = new FaultSchedule([new ScheduledFault(1_000, FaultKind.DropFrame)]);
        var report = RunThroughClient(new SimulatorOptions { Seed = 31, EventsPerSecond = 3000, Faults = faults }, 65536 | 131072);
        Assert.That(report.Stats.SequenceGaps, Is.EqualTo(1));
    }

    [Test]
    public void InjectedBadChecksum_IsTheOneMismatchTheClientDetects()
    {
        var faults = new FaultSchedule([new ScheduledFault(1_000, FaultKind.CorruptChecksum)]);
        var report = RunThroughClient(new SimulatorOptions { Seed = 31, EventsPerSecond = 3000, Faults = faults }, 65536 | 131072);
        Assert.That(report.Stats.ChecksumMismatches, Is.EqualTo(1));
        Assert.That(report.Stats.SequenceGaps, Is.Zero);
    }
}
