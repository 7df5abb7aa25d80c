namespace Velox.MarketData.Rest;

/// <summary>Result of <see cref="ISnapshotClient.FetchAsync"/>: the body on success, else why not.</summary>
public sealed record SnapshotResponse(SnapshotStatus Status, byte[]? Body, int HttpStatus, int Attempts);
