using Velox.Archive.Recording;
using Velox.Archive.Tests.Support;

namespace Velox.Archive.Tests.Recording;

public class RecorderAllocationTests
{
    [Test]
    public void TheSteadyStatePollToWritePathDoesNotAllocate()
    {
        using var fixture = new ArchiveFixture();
        using var publication = fixture.Ipc.AddExclusivePublication(100);
        using var subscription = fixture.Ipc.AddSubscription(100);
        using var recorder = new ArchiveRecorder(
            fixture.Catalog,
            subscription,
            new ArchiveRecorderOptions { SegmentLength = 8 * 1024 * 1024, CatalogUpdateInterval = TimeSpan.FromMilliseconds(1) });
        ArchiveFixture.Until(() => recorder.Status == RecorderStatus.Recording, () => publication.DoWork() + recorder.DoWork());
        var message = new byte[100];
        var allocated = 0L;
        var cycles = 0;
        for (var i = 0; i < 6000; i++)
        {
            ArchiveFixture.Offer(publication, message, () => recorder.DoWork());
            if (i < 1000)
            {
                recorder.DoWork();
                continue;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            recorder.DoWork();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            cycles++;
        }

        ArchiveFixture.Until(() => recorder.Position == publication.Position, () => publication.DoWork() + recorder.DoWork());
        Assert.That(recorder.SegmentCount, Is.EqualTo(1), "no segment roll inside the measured window");
        Assert.That(allocated, Is.Zero, $"bytes allocated over {cycles} recorder duty cycles");
    }
}
