namespace Velox.Ipc.Publications;

/// <summary>Negative results of Offer/TryClaim (Aeron's values); a non-negative result is the new stream position.</summary>
public static class PublicationResult
{
    /// <summary>No subscriber is connected; the limit is held at the consumer position.</summary>
    public const long NotConnected = -1;

    /// <summary>The slowest subscriber is a full window behind; retry later.</summary>
    public const long BackPressured = -2;

    /// <summary>The term rotated (or a concurrent writer is rotating); retry at once.</summary>
    public const long AdminAction = -3;

    /// <summary>The publication has been closed.</summary>
    public const long Closed = -4;

    /// <summary>The position space of the log is exhausted.</summary>
    public const long MaxPositionExceeded = -5;
}
