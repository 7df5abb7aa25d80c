namespace Velox.MarketData.Replay;

/// <summary>Records <see cref="CaptureReplayDriver"/> counted rather than fed, and the requests the sessions queued.</summary>
public readonly record struct CaptureReplayCounts(long Outbound, long Connects, long Rest, long Meta, long RequestsQueued);
