using System.Diagnostics;
using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Archive.Segments;
using Velox.Archive.Tests.Support;

namespace Velox.Archive.Tests.Replay;

public class RoundTripTests
{
    private const int SegmentLength = 2 * ArchiveFixture.TermLength;

    [TestCase(false)]
    [TestCase(true)]
    public void RecordsAcrossSegmentsAndTermsAndReplaysEveryMessageInOrder(bool compress)
    {
        using var fixture = new ArchiveFixture();
        var messages = ArchiveFixture.RandomMessages(1500, 2000, seed: 7);
        var recording = fixture.Record(100, messages, SegmentLength, compress);

        var listed = fixture.Catalog.List();
        Assert.That(fixture.Catalog.Problems, Is.Empty);
        Assert.That(listed, Has.Count.EqualTo(1));
        var entry = listed[0];
        Assert.That(entry, Is.EqualTo(recording));
        Assert.That(entry.State, Is.EqualTo(RecordingState.Stopped));
        Assert.That(entry.StreamId, Is.EqualTo(100));
        Assert.That(entry.Compressed, Is.EqualTo(compress));
        Assert.That(entry.StopPosition - entry.StartPosition, Is.GreaterThan(8L * ArchiveFixture.TermLength), "several term rotations");
        Assert.That(entry.StopTimeNanos, Is.GreaterThanOrEqualTo(entry.StartTimeNanos));
        var segments = SegmentFiles.Find(fixture.ArchivePath, entry.RecordingId);
        Assert.That(segments.Length, Is.GreaterThanOrEqualTo(4));
        Assert.That(segments, Is.All.EndsWith(compress ? SegmentFiles.CompressedExtension : SegmentFiles.Extension));

        var reader = new RecordingReader(fixture.ArchivePath, entry);
        var read = new List<byte[]>();
        ReadStatus status;
        while ((status = reader.MoveNext()) == ReadStatus.Message)
        {
            read.Add(reader.Message.ToArray());
        }

        Assert.That(status, Is.EqualTo(ReadStatus.End), reader.Error);
        Assert.That(ArchiveFixture.Hash(read), Is.EqualTo(ArchiveFixture.Hash(messages)));

        var (replayer, received) = ReplayRunner.Run(fixture, entry, 200, ReplayPace.Full);
        Assert.That(replayer.Status, Is.EqualTo(ReplayStatus.Done), replayer.Error);
        Assert.That(received.Messages, Has.Count.EqualTo(messages.Count));
        Assert.That(ArchiveFixture.Hash(received.Messages), Is.EqualTo(ArchiveFixture.Hash(messages)));
    }

    [Test]
    public void RecordedPaceKeepsTheInterMessageGaps()
    {
        using var fixture = new ArchiveFixture();
        const int GapMillis = 40;
        var messages = ArchiveFixture.RandomMessages(6, 200, seed: 3);
        var recording = fixture.Record(100, messages, SegmentLength, gapMillis: GapMillis);

        var reader = new RecordingReader(fixture.ArchivePath, recording);
        var recordedNanos = new List<long>();
        while (reader.MoveNext() == ReadStatus.Message)
        {
            recordedNanos.Add(reader.TimestampNanos);
        }

        Assert.That(reader.HasTimestamps, Is.True);
        var (replayer, received) = ReplayRunner.Run(fixture, recording, 200, ReplayPace.Recorded);
        Assert.That(replayer.Status, Is.EqualTo(ReplayStatus.Done), replayer.Error);
        Assert.That(received.Messages, Has.Count.EqualTo(messages.Count));

        // Arrival times are taken by the receiving thread, so one late wake-up on a loaded machine stretches one gap
        // and shortens the next: the median gap and the whole span are compared, not every gap.
        var misses = new List<double>();
        for (var i = 1; i < messages.Count; i++)
        {
            var recordedGap = (recordedNanos[i] - recordedNanos[i - 1]) / 1e6;
            var replayedGap = Stopwatch.GetElapsedTime(received.ArrivalTicks[i - 1], received.ArrivalTicks[i]).TotalMilliseconds;
            TestContext.Out.WriteLine($"gap {i}: recorded {recordedGap:F2} ms, replayed {replayedGap:F2} ms");
            Assert.That(recordedGap, Is.GreaterThanOrEqualTo(GapMillis - 1));
            misses.Add(replayedGap - recordedGap);
        }

        misses.Sort();
        Assert.That(misses[misses.Count / 2], Is.EqualTo(0).Within(15), "the median replayed gap is the recorded one");
        var recordedSpan = (recordedNanos[^1] - recordedNanos[0]) / 1e6;
        var replayedSpan = Stopwatch.GetElapsedTime(received.ArrivalTicks[0], received.ArrivalTicks[messages.Count - 1]).TotalMilliseconds;
        Assert.That(replayedSpan, Is.InRange(recordedSpan * 0.75, recordedSpan + 5_000), "the replay took about as long as the recording, not as fast as possible");
    }
}
