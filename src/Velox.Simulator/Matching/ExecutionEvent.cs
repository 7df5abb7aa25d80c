namespace Velox.Simulator.Matching;

/// <summary>One thing that happened to an account, in the order it happened. Fields used depend on <see cref="Kind"/>.</summary>
public struct ExecutionEvent
{
    /// <summary>What happened.</summary>
    public ExecutionKind Kind;

    /// <summary>Ack: the request answered.</summary>
    public SimRequestKind Request;

    /// <summary>Ack: why it was refused, or <see cref="SimRejectReason.None"/>.</summary>
    public SimRejectReason Reject;

    /// <summary>Ack of <see cref="SimRequestKind.CancelMany"/>: how many <see cref="ExecutionKind.OrderClosed"/> events follow for it.</summary>
    public int Count;

    /// <summary>Exchange time of the event, Unix ms.</summary>
    public long Mts;

    /// <summary>The order (Ack, order events, Fill).</summary>
    public SimOrderSnapshot Order;

    /// <summary>Fill: trade id.</summary>
    public long TradeId;

    /// <summary>Fill: signed executed amount (size scale) and price (price scale).</summary>
    public long ExecAmount;

    /// <inheritdoc cref="ExecAmount"/>
    public long ExecPrice;

    /// <summary>Fill: true when the order provided liquidity.</summary>
    public bool Maker;

    /// <summary>Fill: fee charged, negative when paid, positive for a rebate (wallet scale).</summary>
    public long Fee;

    /// <summary>Fill: currency index of the fee; Wallet: currency index.</summary>
    public int Currency;

    /// <summary>Wallet: balance and available amount (wallet scale).</summary>
    public long Balance;

    /// <inheritdoc cref="Balance"/>
    public long Available;

    /// <summary>Wallet: the fill that caused the change (0 for reservations).</summary>
    public long CauseOrderId;

    /// <inheritdoc cref="CauseOrderId"/>
    public long CauseAmount;

    /// <inheritdoc cref="CauseOrderId"/>
    public long CausePrice;

    /// <summary>Wallet change caused by a fill: the instrument traded.</summary>
    public int CauseInstrument;
}
