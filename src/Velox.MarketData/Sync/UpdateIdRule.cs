namespace Velox.MarketData.Sync;

/// <summary>How diffs stamped with update ids bridge a REST snapshot and chain to each other.</summary>
public enum UpdateIdRule : byte
{
    /// <summary>
    /// Binance spot, Gate.io v4: drop <c>u &lt;= id</c>; the first applied diff has <c>U &lt;= id+1 &lt;= u</c>;
    /// afterwards <c>U == previous u + 1</c>.
    /// </summary>
    NextId = 0,

    /// <summary>
    /// Binance USD-M futures: drop <c>u &lt; id</c>; the first applied diff has <c>U &lt;= id &lt;= u</c>;
    /// afterwards <c>pu == previous u</c>.
    /// </summary>
    PreviousId,
}
