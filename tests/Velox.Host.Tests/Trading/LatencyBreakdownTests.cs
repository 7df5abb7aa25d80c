using Velox.Core.Time;
using Velox.Host.Trading;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Tests.Trading;

/// <summary>LatencyBreakdown keeps the slowest samples with their stages, slowest first, and allocates nothing per sample.</summary>
public sealed class LatencyBreakdownTests
{
    [Test]
    public void The_slowest_samples_are_kept_slowest_first_with_their_number()
    {
        var timing = new FrameTiming();
        var breakdown = new LatencyBreakdown(timing);
        long[] totalsMicros = [30, 900, 10, 500, 700, 20, 800, 600, 40];
        foreach (var total in totalsMicros)
        {
            Sample(breakdown, timing, total);
        }

        var slowest = breakdown.Slowest.ToArray();
        Assert.That(slowest.Select(s => s.Index), Is.EqualTo(new long[] { 2, 7, 5, 8, 4 }), "the samples of 900, 800, 700, 600 and 500 µs");
        Assert.That(slowest.Select(s => s.Total), Is.EqualTo(new long[] { 900_000, 800_000, 700_000, 600_000, 500_000 }));
        Assert.That(breakdown.Format(), Does.Contain("slowest samples").And.Contain("#2 at "));
    }

    [Test]
    public void Fewer_samples_than_kept_are_all_listed_and_sampling_allocates_nothing()
    {
        var timing = new FrameTiming();
        var breakdown = new LatencyBreakdown(timing);
        Sample(breakdown, timing, 100);
        Sample(breakdown, timing, 300);
        Assert.That(breakdown.Slowest.ToArray().Select(s => s.Index), Is.EqualTo(new long[] { 2, 1 }));

        for (var i = 0; i < 1_000; i++)
        {
            Sample(breakdown, timing, 50 + (i % 400));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Sample(breakdown, timing, 50 + (i % 400));
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(breakdown.Slowest.Length, Is.EqualTo(LatencyBreakdown.SlowestKept));
    }

    /// <summary>
    /// One decision whose order goes to send() exactly <paramref name="ageMicros"/> µs after its frame's read returned
    /// (both ends are given, so the total does not depend on how long the test thread takes).
    /// </summary>
    private static void Sample(LatencyBreakdown breakdown, FrameTiming timing, long ageMicros)
    {
        var receive = MonotonicClock.Now();
        timing.FrameStartNanos = receive;
        breakdown.OnArm(receive);
        breakdown.OnCommand(isNewOrder: true);
        breakdown.OnSample(receive + (ageMicros * 1_000));
    }

    private sealed class FrameTiming : IFrameTiming
    {
        public bool TimeFrames { get; set; }

        public long FrameStartNanos { get; set; }

        public int FrameIndexInRead => 0;

        public long SendNanosTotal => 0;
    }
}
