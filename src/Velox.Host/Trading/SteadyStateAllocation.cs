namespace Velox.Host.Trading;

/// <summary>Bytes the md thread allocated over <see cref="Frames"/> frames, during which <see cref="Orders"/> orders were sent.</summary>
public sealed record SteadyStateAllocation(long Bytes, long Frames, long Orders);
