namespace Velox.Trading.Orders;

/// <summary>How an order is priced.</summary>
public enum OrderType : byte
{
    /// <summary>Rests at its limit price (subject to time in force).</summary>
    Limit = 0,

    /// <summary>Takes liquidity at any price; only IOC or FOK.</summary>
    Market = 1,

    /// <summary>Limit order that must add liquidity (maker); the venue rejects or cancels it if it would take.</summary>
    PostOnly = 2,
}
