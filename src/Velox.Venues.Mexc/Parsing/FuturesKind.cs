namespace Velox.Venues.Mexc.Parsing;

/// <summary>What a futures (contract) JSON frame is, by its <c>channel</c>.</summary>
public enum FuturesKind : byte
{
    /// <summary>A channel the session does not handle.</summary>
    Other = 0,

    /// <summary><c>push.depth</c>: incremental depth with a <c>version</c>.</summary>
    Depth,

    /// <summary><c>push.deal</c>: public trade(s).</summary>
    Deal,

    /// <summary><c>pong</c>.</summary>
    Pong,

    /// <summary><c>rs.sub.*</c> / <c>rs.unsub.*</c>: a subscription reply.</summary>
    Reply,

    /// <summary><c>rs.error</c>.</summary>
    Error,
}
