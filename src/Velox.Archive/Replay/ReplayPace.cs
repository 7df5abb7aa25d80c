namespace Velox.Archive.Replay;

/// <summary>How fast a replay publishes.</summary>
public enum ReplayPace
{
    /// <summary>As fast as the stream accepts.</summary>
    Full,

    /// <summary>Keeps the recorded gaps, taken from the recording's timestamp index (the recorder's receive times).</summary>
    Recorded,
}
