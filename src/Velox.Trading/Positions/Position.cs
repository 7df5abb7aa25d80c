using Velox.Core.Numerics;

namespace Velox.Trading.Positions;

/// <summary>
/// Position in one instrument on one venue. Money amounts (<see cref="CostBasis"/>, <see cref="RealizedPnl"/>)
/// are Int128 raw at the instrument's notional scale (price scale + size scale), so price × quantity is
/// exact. <see cref="Fees"/> is at <see cref="Oms.ExecutionReport.FeeScale"/>; negative means net rebates.
/// </summary>
public struct Position
{
    /// <summary>Signed quantity (raw, size scale): positive long, negative short.</summary>
    public Quantity Quantity;

    /// <summary>Signed sum of price × quantity still open; average entry price = CostBasis / Quantity.</summary>
    public Int128 CostBasis;

    /// <summary>Realized PnL before fees.</summary>
    public Int128 RealizedPnl;

    /// <summary>Fees paid minus rebates received.</summary>
    public long Fees;

    /// <summary>Fills applied.</summary>
    public long Fills;

    /// <summary>Absolute quantity traded (raw, size scale).</summary>
    public long Volume;
}
