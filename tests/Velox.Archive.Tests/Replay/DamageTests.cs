using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Archive.Segments;
using Velox.Archive.Tests.Support;

namespace Velox.Archive.Tests.Replay;

public class DamageTests
{
    private const int SegmentLength = 2 * ArchiveFixture.TermLength;

    [TestCase(false)]
    [TestCase(true)]
    public void ATruncatedSegmentStopsReplayAtTheLastValidFrameNamingTheFile(bool compress)
    {
        using var fixture = new ArchiveFixture();
        var messages = ArchiveFixture.RandomMessages(1000, 2000, seed: 11);
        var recording = fixture.Record(100, messages, SegmentLength, compress);
        var segments = SegmentFiles.Find(fixture.ArchivePath, recording.RecordingId);
        Array.Sort(segments, StringComparer.Ordinal);
        var victim = segments.Single(s => Path.GetFileName(s).StartsWith($"{recording.RecordingId}-{recording.StartPosition + SegmentLength}.", StringComparison.Ordinal));
        using (var file = new FileStream(victim, FileMode.Open))
        {
            file.SetLength(compress ? file.Length / 2 : 50_007);
        }

        var before = fixture.HashFiles();
        var reader = new RecordingReader(fixture.ArchivePath, recording);
        var read = new List<byte[]>();
        ReadStatus status;
        while ((status = reader.MoveNext()) == ReadStatus.Message)
        {
            read.Add(reader.Message.ToArray());
        }

        Assert.That(status, Is.EqualTo(ReadStatus.Error));
        TestContext.Out.WriteLine(reader.Error);
        Assert.That(reader.Error, Does.StartWith(victim + ":").And.Contain("at offset"));
        Assert.That(read.Count, Is.GreaterThan(0).And.LessThan(messages.Count));
        Assert.That(ArchiveFixture.Hash(read), Is.EqualTo(ArchiveFixture.Hash(messages.Take(read.Count))));
        Assert.That(reader.MessagePosition, Is.GreaterThan(recording.StartPosition + SegmentLength), "everything before the damage was read");

        var (replayer, received) = ReplayRunner.Run(fixture, recording, 200, ReplayPace.Full);
        Assert.That(replayer.Status, Is.EqualTo(ReplayStatus.Failed));
        Assert.That(replayer.Error, Is.EqualTo(reader.Error));
        Assert.That(ArchiveFixture.Hash(received.Messages), Is.EqualTo(ArchiveFixture.Hash(read)));
        Assert.That(fixture.HashFiles(), Is.EqualTo(before), "reading must not modify the archive");
    }

    [Test]
    public void ACorruptCatalogRecordIsReportedWithItsOffsetAndTheOthersStillReplay()
    {
        using var fixture = new ArchiveFixture();
        var first = ArchiveFixture.RandomMessages(200, 500, seed: 1);
        var second = ArchiveFixture.RandomMessages(50, 500, seed: 2);
        var good = fixture.Record(100, first, SegmentLength);
        var bad = fixture.Record(101, second, SegmentLength);
        var offset = CatalogLayout.RecordOffset(bad.RecordingId) + CatalogLayout.StopPositionOffset;
        using (var file = new FileStream(fixture.Catalog.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = offset;
            var value = file.ReadByte();
            file.Position = offset;
            file.WriteByte((byte)(value ^ 0x40));
        }

        var before = fixture.HashFiles();
        var listed = fixture.Catalog.List();
        Assert.That(listed, Is.EqualTo(new[] { good }));
        var expected = $"{fixture.Catalog.Path}: record {bad.RecordingId} at offset {CatalogLayout.RecordOffset(bad.RecordingId)}: CRC mismatch";
        Assert.That(fixture.Catalog.Problems, Has.Count.EqualTo(1).And.Some.StartsWith(expected));
        Assert.That(fixture.Catalog.TryGet(bad.RecordingId, out _, out var error), Is.False);
        Assert.That(error, Does.StartWith(expected));

        var (replayer, received) = ReplayRunner.Run(fixture, listed[0], 200, ReplayPace.Full);
        Assert.That(replayer.Status, Is.EqualTo(ReplayStatus.Done), replayer.Error);
        Assert.That(ArchiveFixture.Hash(received.Messages), Is.EqualTo(ArchiveFixture.Hash(first)));
        Assert.That(fixture.HashFiles(), Is.EqualTo(before), "nothing else in the archive is touched");
    }
}
