namespace Velox.Simulator.Replay;

/// <summary>One recorded inbound frame: when it was received (Unix ns, 0 when the format has none) and its bytes as received.</summary>
public readonly record struct CapturedFrame(long TimestampNanos, ReadOnlyMemory<byte> Frame);
