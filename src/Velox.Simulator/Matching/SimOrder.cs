namespace Velox.Simulator.Matching;

/// <summary>A live order inside the engine (mutable; only touched under the engine's lock).</summary>
internal sealed class SimOrder
{
    public SimOrderSnapshot State;

    /// <summary>Time priority: lower goes first at the same price.</summary>
    public long Sequence;

    /// <summary>Calendar day of creation (UTC, yyyymmdd), for cancels by client id and date.</summary>
    public int CidDate;

    /// <summary>What the order holds back in its wallet (wallet scale).</summary>
    public long Reserved;

    /// <summary>Sum of fill size × fill price, raw at size scale + price scale (for the average price).</summary>
    public Int128 FilledNotional;

    /// <summary>Absolute filled size, size scale.</summary>
    public long FilledSize;

    public long Remaining => Math.Abs(State.Amount);

    public bool IsBuy => State.AmountOrig > 0;
}
