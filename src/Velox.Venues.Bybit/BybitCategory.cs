namespace Velox.Venues.Bybit;

/// <summary>The product line of a v5 public connection; each has its own endpoint and symbols.</summary>
public enum BybitCategory : byte
{
    /// <summary>USDT/USDC perpetuals and futures.</summary>
    Linear = 0,

    Spot,

    /// <summary>Coin-margined contracts.</summary>
    Inverse,
}
