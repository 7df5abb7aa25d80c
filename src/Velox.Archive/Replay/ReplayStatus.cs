namespace Velox.Archive.Replay;

/// <summary>Where an <see cref="ArchiveReplayer"/> stands.</summary>
public enum ReplayStatus
{
    /// <summary>Publishing.</summary>
    Replaying,

    /// <summary>Every recorded message has been published.</summary>
    Done,

    /// <summary>Stopped at a bad segment or a closed publication; see <see cref="ArchiveReplayer.Error"/>.</summary>
    Failed,
}
