using Velox.Archive.Catalog;
using Velox.Archive.Recording;
using Velox.Archive.Tests.Support;

namespace Velox.Archive.Tests.Recording;

public class RecorderEndOfStreamTests
{
    [Test]
    public void EndOfStreamStopsTheRecordingCleanlyEvenWhenACatalogUpdateIsDueInTheSameCycle()
    {
        using var fixture = new ArchiveFixture();
        var publication = fixture.Ipc.AddExclusivePublication(7);
        using var subscription = fixture.Ipc.AddSubscription(7);

        // A zero interval makes a catalog update due on every duty cycle, including the one that sees the end.
        using var recorder = new ArchiveRecorder(
            fixture.Catalog,
            subscription,
            new ArchiveRecorderOptions { SegmentLength = 1024 * 1024, CatalogUpdateInterval = TimeSpan.Zero });
        ArchiveFixture.Until(() => recorder.Status == RecorderStatus.Recording, () => publication.DoWork() + recorder.DoWork());
        for (var i = 0; i < 10; i++)
        {
            ArchiveFixture.Offer(publication, new byte[64], () => recorder.DoWork());
        }

        var finalPosition = publication.Position;
        ArchiveFixture.Until(() => recorder.Position == finalPosition, () => publication.DoWork() + recorder.DoWork());
        publication.Dispose();
        ArchiveFixture.Until(() => recorder.Status == RecorderStatus.Stopped, () => recorder.DoWork() + 1);

        Assert.That(recorder.Descriptor.State, Is.EqualTo(RecordingState.Stopped));
        Assert.That(recorder.Descriptor.StopPosition, Is.EqualTo(finalPosition));
        Assert.That(recorder.DoWork(), Is.Zero, "a stopped recorder does nothing");
    }
}
