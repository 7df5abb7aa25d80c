using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Strategies.Arbitrage;

/// <summary>
/// Cross-venue spot arbitrage between instrument A (e.g. Bitfinex BTC/USD) and instrument B (e.g. Binance
/// BTC/USDT). Both instruments must share price and size scales; quantities are raw at that size scale.
/// </summary>
public sealed record ArbitrageParameters
{
    public required InstrumentId InstrumentA { get; init; }

    public required InstrumentId InstrumentB { get; init; }

    /// <summary>Taker fee on venue A.</summary>
    public required BasisPoints TakerFeeA { get; init; }

    /// <summary>Taker fee on venue B.</summary>
    public required BasisPoints TakerFeeB { get; init; }

    /// <summary>Least edge after both fees, as a fraction of the buy price; an opportunity exactly at it counts.</summary>
    public required BasisPoints MinMargin { get; init; }

    /// <summary>Largest quantity of one cycle (also limited by the top-of-book quantities).</summary>
    public required Quantity MaxQuantity { get; init; }

    /// <summary>Smallest quantity worth trading.</summary>
    public required Quantity MinQuantity { get; init; }

    /// <summary>Quantity increment on venue A.</summary>
    public required Quantity LotSizeA { get; init; }

    /// <summary>Quantity increment on venue B.</summary>
    public required Quantity LotSizeB { get; init; }

    /// <summary>
    /// How far each IOC leg's limit may go through the top it was decided on (the buy above the ask, the sell below
    /// the bid), as a fraction of that price; zero prices the legs at the top. A leg still fills at the book's
    /// prices; the tolerance only lets it reach a top that moved meanwhile (a stale book). It is cut to the point
    /// where the cycle's net margin after both fees, filled at both limits, is still <see cref="MinMargin"/>.
    /// </summary>
    public BasisPoints SlippageTolerance { get; init; }

    /// <summary>Price increment on venue A (limits priced through the top are rounded to it, inwards).</summary>
    public Price TickSizeA { get; init; } = new(1);

    /// <summary>Price increment on venue B.</summary>
    public Price TickSizeB { get; init; } = new(1);

    /// <summary>Both books must have changed within this long (injected clock) for a decision.</summary>
    public long MaxDataAgeNanos { get; init; } = 500_000_000;

    /// <summary>Legs not finished after this long are cancelled and the cycle recovers.</summary>
    public long LegTimeoutNanos { get; init; } = 2_000_000_000;

    /// <summary>Pause after a cycle ends before detecting again.</summary>
    public long CooldownNanos { get; init; } = 100_000_000;

    /// <summary>Wait before re-sending a refused or unfilled unwind.</summary>
    public long UnwindRetryNanos { get; init; } = 100_000_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field (start-up).</summary>
    public void Validate()
    {
        Require(!InstrumentA.IsNone && !InstrumentB.IsNone && InstrumentA != InstrumentB, nameof(InstrumentB), "must name two different instruments");
        Require(TakerFeeA.Raw is >= 0 and < BasisPoints.RawPerUnit, nameof(TakerFeeA), "must be 0..10000 bps");
        Require(TakerFeeB.Raw is >= 0 and < BasisPoints.RawPerUnit, nameof(TakerFeeB), "must be 0..10000 bps");
        Require(MinMargin.Raw >= 0, nameof(MinMargin), "must not be negative");
        Require(SlippageTolerance.Raw is >= 0 and < BasisPoints.RawPerUnit, nameof(SlippageTolerance), "must be 0..10000 bps");
        Require(TickSizeA.Raw > 0, nameof(TickSizeA), "must be positive");
        Require(TickSizeB.Raw > 0, nameof(TickSizeB), "must be positive");
        Require(LotSizeA.Raw > 0, nameof(LotSizeA), "must be positive");
        Require(LotSizeB.Raw > 0, nameof(LotSizeB), "must be positive");
        Require(MinQuantity.Raw > 0, nameof(MinQuantity), "must be positive");
        Require(MaxQuantity.Raw >= MinQuantity.Raw, nameof(MaxQuantity), "must be at least MinQuantity");
        Require(MaxDataAgeNanos > 0, nameof(MaxDataAgeNanos), "must be positive");
        Require(LegTimeoutNanos > 0, nameof(LegTimeoutNanos), "must be positive");
        Require(CooldownNanos >= 0, nameof(CooldownNanos), "must not be negative");
        Require(UnwindRetryNanos >= 0, nameof(UnwindRetryNanos), "must not be negative");
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"arbitrage parameter {field} {problem}", field);
        }
    }
}
