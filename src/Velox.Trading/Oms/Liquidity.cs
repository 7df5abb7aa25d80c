namespace Velox.Trading.Oms;

/// <summary>Whether a fill added (maker) or took (taker) liquidity.</summary>
public enum Liquidity : byte
{
    Unknown = 0,
    Maker,
    Taker,
}
