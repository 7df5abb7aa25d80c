namespace Velox.Host.Topology.Orders;

/// <summary>What an <see cref="OrderCommand"/> asks the order gateway to do.</summary>
public enum OrderCommandType : byte
{
    None = 0,

    /// <summary>A new order the engine's risk and OMS accepted.</summary>
    New = 1,

    /// <summary>Cancel one order.</summary>
    Cancel = 2,

    /// <summary>Change an order's price and quantity.</summary>
    Amend = 3,

    /// <summary>Cancel every order on an instrument (none: every instrument).</summary>
    CancelAll = 4,
}
