namespace Velox.Venues.Htx.Session;

/// <summary>The kind of a market topic.</summary>
public enum HtxTopicKind : byte
{
    Unknown = 0,

    /// <summary><c>market.$symbol.depth.step0</c>: a full 150-level book on every push.</summary>
    Depth,

    /// <summary><c>market.$symbol.trade.detail</c>.</summary>
    Trades,
}
