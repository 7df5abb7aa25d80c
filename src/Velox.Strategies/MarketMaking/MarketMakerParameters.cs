using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Strategies.MarketMaking;

/// <summary>
/// Market-making configuration. Prices and quantities are raw fixed point at the instrument's scales;
/// ratios are <see cref="BasisPoints"/>. Quotes are post-only, so they only ever add liquidity.
/// </summary>
public sealed record MarketMakerParameters
{
    /// <summary>The instrument quoted.</summary>
    public required InstrumentId Instrument { get; init; }

    /// <summary>Price increment the venue accepts (raw); every quote is a multiple of it.</summary>
    public required Price TickSize { get; init; }

    /// <summary>Quantity increment the venue accepts (raw); every quote size is a multiple of it.</summary>
    public required Quantity LotSize { get; init; }

    /// <summary>Size of each quote level (a multiple of <see cref="LotSize"/>).</summary>
    public required Quantity QuoteSize { get; init; }

    /// <summary>Quote levels per side.</summary>
    public int Levels { get; init; } = 1;

    /// <summary>Distance between the level-0 bid and ask around the fair value (each side: half of it).</summary>
    public required BasisPoints Spread { get; init; }

    /// <summary>Extra distance from the fair value for each further level.</summary>
    public BasisPoints LevelSpacing { get; init; } = BasisPoints.FromWhole(5);

    /// <summary>Book levels per side summed for the order-book imbalance.</summary>
    public int ImbalanceDepth { get; init; } = 5;

    /// <summary>Fair-value shift at full imbalance (all depth on one side), toward the heavier side; 0 disables.</summary>
    public BasisPoints ImbalanceSkew { get; init; }

    /// <summary>Fair-value shift at a position of <see cref="MaxInventory"/>, against the position; 0 disables.</summary>
    public BasisPoints InventorySkew { get; init; }

    /// <summary>Largest absolute position the quotes may lead to; the side that would go beyond it is not quoted.</summary>
    public required Quantity MaxInventory { get; init; }

    /// <summary>Working quotes are replaced only when the fair value moved by more than this since they were set.</summary>
    public BasisPoints RequoteThreshold { get; init; } = BasisPoints.FromWhole(1);

    /// <summary>How a working quote is moved: cancel + new, or an amend (see <see cref="RequoteMethod"/>).</summary>
    public RequoteMethod Requote { get; init; } = RequoteMethod.CancelNew;

    /// <summary>After a refused order, no new orders for this long (cancels still go out).</summary>
    public long RejectBackoffNanos { get; init; } = 100_000_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid field (start-up).</summary>
    public void Validate()
    {
        Require(!Instrument.IsNone, nameof(Instrument), "must be set");
        Require(TickSize.Raw is > 0 and <= 1_000_000_000_000, nameof(TickSize), "must be 1..10^12 raw");
        Require(LotSize.Raw > 0, nameof(LotSize), "must be positive");
        Require(QuoteSize.Raw > 0 && QuoteSize.Raw % LotSize.Raw == 0, nameof(QuoteSize), "must be a positive multiple of LotSize");
        Require(Levels is >= 1 and <= 64, nameof(Levels), "must be 1..64");
        Require(Spread.Raw > 0 && Spread.Raw < BasisPoints.RawPerUnit, nameof(Spread), "must be above 0 and below 10000 bps");
        Require(LevelSpacing.Raw >= 0 && LevelSpacing.Raw < BasisPoints.RawPerUnit, nameof(LevelSpacing), "must be 0..10000 bps");
        Require(ImbalanceDepth >= 1, nameof(ImbalanceDepth), "must be at least 1");
        Require(ImbalanceSkew.Raw >= 0 && ImbalanceSkew.Raw < BasisPoints.RawPerUnit, nameof(ImbalanceSkew), "must be 0..10000 bps");
        Require(InventorySkew.Raw >= 0 && InventorySkew.Raw < BasisPoints.RawPerUnit, nameof(InventorySkew), "must be 0..10000 bps");
        Require(MaxInventory.Raw > 0, nameof(MaxInventory), "must be positive");
        Require(RequoteThreshold.Raw >= 0, nameof(RequoteThreshold), "must not be negative");
        Require(Enum.IsDefined(Requote), nameof(Requote), "must be CancelNew or Amend");
        Require(RejectBackoffNanos >= 0, nameof(RejectBackoffNanos), "must not be negative");
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"market maker parameter {field} {problem}", field);
        }
    }
}
