namespace Velox.Simulator.Matching;

/// <summary>A new order as the engine takes it: already parsed and on the instrument's scales.</summary>
public struct SimOrderRequest
{
    /// <summary>Account index.</summary>
    public int Account;

    /// <summary>Instrument index.</summary>
    public int Instrument;

    /// <summary>Client order id (0 = none).</summary>
    public long Cid;

    /// <summary>Signed amount, positive buys (size scale).</summary>
    public long Amount;

    /// <summary>Limit price (price scale); ignored for market orders.</summary>
    public long Price;

    /// <summary>Order type.</summary>
    public SimOrderType Type;

    /// <summary>Venue flags, echoed back.</summary>
    public int Flags;

    /// <summary>Never take liquidity: cancelled instead when it would cross.</summary>
    public bool PostOnly;
}
