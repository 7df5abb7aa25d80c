namespace Velox.Trading.Orders;

/// <summary>How long an order may work.</summary>
public enum TimeInForce : byte
{
    /// <summary>Rests until filled or cancelled.</summary>
    GoodTillCancel = 0,

    /// <summary>Fills what it can at once; the rest expires.</summary>
    ImmediateOrCancel = 1,

    /// <summary>Fills completely at once or expires without any fill.</summary>
    FillOrKill = 2,
}
