namespace Velox.Archive.Recording;

/// <summary>Where an <see cref="ArchiveRecorder"/> stands.</summary>
public enum RecorderStatus
{
    /// <summary>Waiting for the subscription to join a publication.</summary>
    AwaitingImage,

    /// <summary>Writing frames; the catalog's stop position advances.</summary>
    Recording,

    /// <summary>The stream ended or the recorder was stopped; the catalog record is final.</summary>
    Stopped,
}
