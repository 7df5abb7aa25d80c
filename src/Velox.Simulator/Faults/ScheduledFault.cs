namespace Velox.Simulator.Faults;

/// <summary>A fault to inject <paramref name="AtMillis"/> after the connection opened.</summary>
/// <param name="AtMillis">Offset from connection start.</param>
/// <param name="Kind">What to inject.</param>
/// <param name="StallMillis">Length of a <see cref="FaultKind.Stall"/>, or the delay of a <see cref="FaultKind.DelayAck"/>.</param>
public readonly record struct ScheduledFault(long AtMillis, FaultKind Kind, int StallMillis = 0);
