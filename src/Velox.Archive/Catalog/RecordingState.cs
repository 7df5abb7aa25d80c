namespace Velox.Archive.Catalog;

/// <summary>State field of a catalog record.</summary>
public enum RecordingState
{
    /// <summary>A recorder is writing it; the stop position advances.</summary>
    Recording = 1,

    /// <summary>Closed: the stop position is final.</summary>
    Stopped = 2,
}
