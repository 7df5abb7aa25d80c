namespace Velox.MarketData.Rest;

/// <summary>Final outcome of a snapshot fetch (after retries).</summary>
public enum SnapshotStatus : byte
{
    /// <summary>HTTP 200 with a body.</summary>
    Ok = 0,

    /// <summary>A non-retryable HTTP status (4xx other than 408/418/429), or retries exhausted on a retryable one.</summary>
    HttpError,

    /// <summary>Every attempt timed out.</summary>
    Timeout,

    /// <summary>Connection-level failure on every attempt (refused, reset, DNS).</summary>
    TransportError,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}
