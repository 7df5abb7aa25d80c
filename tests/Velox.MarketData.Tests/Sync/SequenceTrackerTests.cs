using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Sync;

public sealed class SequenceTrackerTests
{
    [Test]
    public void ReportsFirstInOrderGapAndStale()
    {
        var tracker = new SequenceTracker();
        Assert.That(tracker.Check(5), Is.EqualTo(SequenceCheck.First));
        Assert.That(tracker.Check(6), Is.EqualTo(SequenceCheck.InOrder));
        Assert.That(tracker.Check(9), Is.EqualTo(SequenceCheck.Gap));
        Assert.That(tracker.Check(10), Is.EqualTo(SequenceCheck.InOrder));
        Assert.That(tracker.Check(10), Is.EqualTo(SequenceCheck.Stale));
        Assert.That((tracker.Gaps, tracker.Stale, tracker.Checked), Is.EqualTo((1L, 1L, 5L)));

        tracker.Reset();
        Assert.That(tracker.Check(1), Is.EqualTo(SequenceCheck.First));
    }
}
