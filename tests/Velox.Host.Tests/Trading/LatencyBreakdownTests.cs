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
        long[] agesMicros = [30, 900, 10, 500, 700, 20, 800, 600, 40];
        foreach (var age in agesMicros)
        {
            Sample(breakdown, timing, age);
        }

        var slowest = breakdown.Slowest.ToArray();
        Assert.That(slowest.Select(s => s.Index), Is.EqualTo(new long[] { 2, 7, 5, 8, 4 }), "samples 900, 800, 700, 600, 500 µs old");
        Assert.That(slowest.Select(s => s.Total), Is.Ordered.Descending);
        Assert.That(slowest[0].Total, Is.InRange(900_000L, 900_000L + 200_000_000L));
        Assert.That(slowest[^1].Total, Is.LessThan(slowest[0].Total - 300_000), "the 500 µs sample is 400 µs faster than the 900 µs one");
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

    /// <summary>One decision on a frame read <paramref name="ageMicros"/> µs ago whose order goes to send() now.</summary>
    private static void Sample(LatencyBreakdown breakdown, FrameTiming timing, long ageMicros)
    {
        var receive = MonotonicClock.Now() - (ageMicros * 1_000);
        timing.FrameStartNanos = receive;
        breakdown.OnArm(receive);
        breakdown.OnCommand(isNewOrder: true);
        breakdown.OnSample(MonotonicClock.Now());
    }

    private sealed class FrameTiming : IFrameTiming
    {
        public bool TimeFrames { get; set; }

        public long FrameStartNanos { get; set; }

        public int FrameIndexInRead => 0;

        public long SendNanosTotal => 0;
    }
}
