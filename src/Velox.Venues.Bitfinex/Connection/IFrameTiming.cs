namespace Velox.Venues.Bitfinex.Connection;

/// <summary>
/// Where the frame being processed sits in its socket read, and how long sends took: the connector's side of a
/// tick-to-trade breakdown. Filled only while <see cref="TimeFrames"/> is on (one clock read per frame, two per send).
/// </summary>
public interface IFrameTiming
{
    /// <summary>Takes the per-frame and per-send timestamps below; off by default.</summary>
    bool TimeFrames { get; set; }

    /// <summary>Monotonic ns when the connector started processing the current frame (after the frames ahead of it in the read).</summary>
    long FrameStartNanos { get; }

    /// <summary>The current frame's position in the batch one socket read delivered (0: the first).</summary>
    int FrameIndexInRead { get; }

    /// <summary>Total ns spent inside the socket's send, over every message sent so far.</summary>
    long SendNanosTotal { get; }
}
