using Velox.MarketData.Capture;

namespace Velox.MarketData.Replay;

/// <summary>
/// A venue's side of <see cref="CaptureReplayDriver"/>: what it does with the records it feeds to its
/// session(s). Implemented by a struct per venue so the driver's calls are not virtual.
/// </summary>
public interface ICaptureReplayTarget
{
    /// <summary>Feeds one inbound frame to the session.</summary>
    void OnInbound(in CaptureRecord record);

    /// <summary>Sees one outbound record after the driver counted it.</summary>
    void OnOutbound(in CaptureRecord record);

    /// <summary>Sees one connect record; <paramref name="reconnect"/> is true for every connect after the first.</summary>
    void OnConnect(in CaptureRecord record, bool reconnect);

    /// <summary>Drops the requests the session queued for the venue; returns how many.</summary>
    long DrainRequests();
}
