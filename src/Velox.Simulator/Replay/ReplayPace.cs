namespace Velox.Simulator.Replay;

/// <summary>How fast a capture is replayed.</summary>
public enum ReplayPace
{
    /// <summary>As fast as the poll loop goes (a batch per poll).</summary>
    FullSpeed,

    /// <summary>Each frame when its recorded offset from the first frame has elapsed.</summary>
    Recorded,
}
