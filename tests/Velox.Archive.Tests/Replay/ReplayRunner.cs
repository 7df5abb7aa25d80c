using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Archive.Tests.Support;
using Velox.Ipc.Subscriptions;

namespace Velox.Archive.Tests.Replay;

/// <summary>Replays a recording into a new stream and collects what a subscriber of that stream receives.</summary>
internal static class ReplayRunner
{
    public static (ArchiveReplayer Replayer, MessageCollector Received) Run(ArchiveFixture fixture, RecordingDescriptor recording, int streamId, ReplayPace pace)
    {
        using var publication = fixture.Ipc.AddExclusivePublication(streamId);
        using var subscription = fixture.Ipc.AddSubscription(streamId);
        var assembler = new FragmentAssembler<MessageCollector>(new MessageCollector(), 1 << 20);
        ArchiveFixture.Until(() => subscription.IsConnected, () => publication.DoWork() + subscription.Poll(ref assembler, 10));
        var replayer = new ArchiveReplayer(new RecordingReader(fixture.ArchivePath, recording), publication, pace);
        ArchiveFixture.Until(
            () => replayer.Status != ReplayStatus.Replaying && subscription.Position == publication.Position,
            () => replayer.DoWork() + subscription.Poll(ref assembler, 100));
        return (replayer, assembler.Handler);
    }
}
