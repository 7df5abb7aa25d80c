namespace Velox.Simulator.Market;

/// <summary>
/// How the generator shapes one synthetic instrument. Prices are raw at <see cref="PriceScale"/>,
/// sizes raw at <see cref="SizeScale"/>. The mid is clamped so every price keeps at most five
/// significant digits at <see cref="TickRaw"/>, as Bitfinex prices do.
/// </summary>
public sealed record SimInstrumentSpec
{
    /// <summary>Scale used for prices unless stated otherwise (enough for 1e-10 ticks).</summary>
    public const int DefaultPriceScale = 10;

    /// <summary>Scale used for sizes unless stated otherwise (Bitfinex sizes carry 8 decimals).</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Venue symbol, e.g. "tBTCUSD".</summary>
    public required string Symbol { get; init; }

    /// <summary>Decimal places of raw prices.</summary>
    public int PriceScale { get; init; } = DefaultPriceScale;

    /// <summary>Decimal places of raw sizes.</summary>
    public int SizeScale { get; init; } = DefaultSizeScale;

    /// <summary>Price increment, raw.</summary>
    public required long TickRaw { get; init; }

    /// <summary>Starting mid, raw.</summary>
    public required long InitialMidRaw { get; init; }

    /// <summary>Lowest mid the random walk may reach, raw.</summary>
    public required long MinMidRaw { get; init; }

    /// <summary>Highest mid the random walk may reach, raw.</summary>
    public required long MaxMidRaw { get; init; }

    /// <summary>Median level size, raw.</summary>
    public required long TypicalSizeRaw { get; init; }

    /// <summary>Decimals kept in generated sizes (≤ SizeScale), so amounts stay short like the venue's.</summary>
    public int SizeDecimals { get; init; } = 8;

    /// <summary>Levels per side the generator keeps around (enough for len=250 subscriptions).</summary>
    public int TargetDepth { get; init; } = 300;

    /// <summary>
    /// True: new levels are inserted at top-weighted distances from the mid (mean 12 ticks), on the first free
    /// tick from there outward, so the touch stays within a few dozen ticks of the mid and the book is dense
    /// at the top. False (the market-maker runs are tuned on it): inserts go mostly into gaps among the top 40
    /// levels or behind the last one while deletes and trades take from the top, so within seconds the book is
    /// a lone level at the mid in front of a body that retreats ~$250 a second per side at 2,000 events/s.
    /// </summary>
    public bool AnchoredInserts { get; init; }

    /// <summary>tBTCUSD-like: $1 tick around 60,000.</summary>
    public static SimInstrumentSpec BtcUsd { get; } = new()
    {
        Symbol = "tBTCUSD",
        TickRaw = 1_0000000000,
        InitialMidRaw = 60_000_0000000000,
        MinMidRaw = 20_000_0000000000,
        MaxMidRaw = 99_000_0000000000,
        TypicalSizeRaw = 50_000_000,
    };

    /// <summary>tETHUSD-like: 0.1 tick around 3,000.</summary>
    public static SimInstrumentSpec EthUsd { get; } = new()
    {
        Symbol = "tETHUSD",
        TickRaw = 1_000000000,
        InitialMidRaw = 3_000_0000000000,
        MinMidRaw = 1_100_0000000000,
        MaxMidRaw = 9_900_0000000000,
        TypicalSizeRaw = 5_00000000,
    };

    /// <summary>tXRPBTC-like: 1e-10 tick around 1e-6, so levels print as 0.0000010523 and 9.9876e-7.</summary>
    public static SimInstrumentSpec XrpBtc { get; } = new()
    {
        Symbol = "tXRPBTC",
        TickRaw = 1,
        InitialMidRaw = 10_000,
        MinMidRaw = 3_000,
        MaxMidRaw = 90_000,
        TypicalSizeRaw = 50_000_00000000,
        SizeDecimals = 2,
    };

    /// <summary>The three default instruments.</summary>
    public static IReadOnlyList<SimInstrumentSpec> Defaults { get; } = [BtcUsd, EthUsd, XrpBtc];

    /// <summary>The pair text Bitfinex echoes in "subscribed" ("BTCUSD" for "tBTCUSD").</summary>
    public string Pair => Symbol.Length > 1 && Symbol[0] == 't' ? Symbol[1..] : Symbol;
}
