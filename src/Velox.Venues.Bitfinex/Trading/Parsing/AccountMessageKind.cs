namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>Message types of the account channel (chanId 0), by their abbreviation.</summary>
public enum AccountMessageKind : byte
{
    /// <summary>Any abbreviation not handled here (positions, funding, balance, margin info, ...).</summary>
    Other = 0,

    /// <summary><c>[0,"hb"]</c></summary>
    Heartbeat,

    /// <summary><c>n</c>: notification (on-req, oc-req, ou-req, oc_multi-req, ...).</summary>
    Notification,

    /// <summary><c>os</c>: snapshot of the open orders, sent after auth.</summary>
    OrderSnapshot,

    /// <summary><c>on</c>: new order.</summary>
    OrderNew,

    /// <summary><c>ou</c>: order update.</summary>
    OrderUpdate,

    /// <summary><c>oc</c>: order closed (cancelled or executed).</summary>
    OrderClose,

    /// <summary><c>te</c>: trade executed.</summary>
    TradeExecuted,

    /// <summary><c>tu</c>: the same trade with fee and fee currency.</summary>
    TradeUpdate,

    /// <summary><c>ws</c>: wallet snapshot.</summary>
    WalletSnapshot,

    /// <summary><c>wu</c>: wallet update.</summary>
    WalletUpdate,
}
