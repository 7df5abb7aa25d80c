namespace Velox.Archive.Replay;

/// <summary>Outcome of <see cref="RecordingReader.MoveNext"/>.</summary>
public enum ReadStatus
{
    /// <summary>A message is available in <see cref="RecordingReader.Message"/>.</summary>
    Message,

    /// <summary>Every message up to the recording's stop position has been read.</summary>
    End,

    /// <summary>A segment is missing, truncated or corrupt; <see cref="RecordingReader.Error"/> names the file and offset.</summary>
    Error,
}
