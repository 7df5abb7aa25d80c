namespace Velox.Simulator.Matching;

/// <summary>An order's fields at the moment of an event (a copy: the live order keeps changing).</summary>
public struct SimOrderSnapshot
{
    /// <summary>Exchange order id.</summary>
    public long Id;

    /// <summary>Client order id (0 when the client gave none).</summary>
    public long Cid;

    /// <summary>Account index in the engine.</summary>
    public int Account;

    /// <summary>Instrument index.</summary>
    public int Instrument;

    /// <summary>Creation time, Unix ms.</summary>
    public long MtsCreate;

    /// <summary>Last change, Unix ms.</summary>
    public long MtsUpdate;

    /// <summary>Remaining amount, signed (positive buys), size scale.</summary>
    public long Amount;

    /// <summary>Amount as submitted (or as last amended), signed, size scale.</summary>
    public long AmountOrig;

    /// <summary>Order type.</summary>
    public SimOrderType Type;

    /// <summary>Venue flags as submitted (echoed back).</summary>
    public int Flags;

    /// <summary>Current state.</summary>
    public SimOrderStatus Status;

    /// <summary>Limit price (0 for market orders), price scale.</summary>
    public long Price;

    /// <summary>Volume-weighted average fill price (0 before a fill), price scale.</summary>
    public long PriceAvg;

    /// <summary>Number of fills so far.</summary>
    public int FillCount;

    /// <summary>Price and signed amount of the latest fill.</summary>
    public long LastFillPrice;

    /// <inheritdoc cref="LastFillPrice"/>
    public long LastFillAmount;

    /// <summary>Price and signed amount of the fill before the latest.</summary>
    public long PrevFillPrice;

    /// <inheritdoc cref="PrevFillPrice"/>
    public long PrevFillAmount;

    /// <summary>True when a post-only order.</summary>
    public bool PostOnly;

    /// <summary>True for buys.</summary>
    public readonly bool IsBuy => AmountOrig > 0;
}
