namespace Velox.Trading.Risk;

/// <summary>What new orders are allowed. Ordered by severity: the most severe active mode wins.</summary>
public enum TradingMode : byte
{
    /// <summary>Normal trading.</summary>
    Normal = 0,

    /// <summary>Only orders that reduce the position.</summary>
    ReduceOnly = 1,

    /// <summary>No new orders; open orders are cancelled.</summary>
    Halt = 2,
}
