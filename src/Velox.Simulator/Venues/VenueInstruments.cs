using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>Instrument shapes of the venue dialects: prices and sizes at 8 decimals, cent ticks.</summary>
public static class VenueInstruments
{
    /// <summary>Decimals of prices and sizes.</summary>
    public const int Scale = 8;

    /// <summary>A BTC/USDT-like instrument named <paramref name="symbol"/>: 0.01 tick around 60,000.</summary>
    public static SimInstrumentSpec Btc(string symbol) => new()
    {
        Symbol = symbol,
        PriceScale = Scale,
        SizeScale = Scale,
        SizeDecimals = 5,
        TickRaw = 1_000_000,
        InitialMidRaw = 60_000_00000000,
        MinMidRaw = 20_000_00000000,
        MaxMidRaw = 99_000_00000000,
        TypicalSizeRaw = 50_000_000,
        TargetDepth = 200,
    };

    /// <summary>An ETH/USDT-like instrument named <paramref name="symbol"/>: 0.01 tick around 3,000.</summary>
    public static SimInstrumentSpec Eth(string symbol) => new()
    {
        Symbol = symbol,
        PriceScale = Scale,
        SizeScale = Scale,
        SizeDecimals = 4,
        TickRaw = 1_000_000,
        InitialMidRaw = 3_000_00000000,
        MinMidRaw = 1_100_00000000,
        MaxMidRaw = 9_900_00000000,
        TypicalSizeRaw = 5_00000000,
        TargetDepth = 200,
    };
}
