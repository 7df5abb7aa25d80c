using Velox.Core.Instruments;

namespace Velox.Trading.Risk;

/// <summary>Pre-trade risk configuration; read once at construction.</summary>
public sealed class RiskOptions
{
    /// <summary>Decimal places of <see cref="MaxGlobalOrderNotional"/>.</summary>
    public const int GlobalNotionalScale = 8;

    /// <summary>Limits for instruments without their own entry.</summary>
    public InstrumentRiskLimits DefaultLimits { get; init; } = new();

    /// <summary>Limits per instrument.</summary>
    public IReadOnlyDictionary<InstrumentId, InstrumentRiskLimits> Limits { get; init; } = new Dictionary<InstrumentId, InstrumentRiskLimits>();

    /// <summary>Largest notional of any single order across instruments (quote units at <see cref="GlobalNotionalScale"/>; one quote currency assumed).</summary>
    public long MaxGlobalOrderNotional { get; init; } = long.MaxValue;

    /// <summary>Most open orders across all instruments.</summary>
    public int MaxGlobalOpenOrders { get; init; } = int.MaxValue;

    /// <summary>Sustained new orders per second per venue (token bucket refill rate).</summary>
    public int VenueOrdersPerSecond { get; init; } = 50;

    /// <summary>Orders a venue's bucket holds (burst).</summary>
    public int VenueOrderBurst { get; init; } = 50;

    /// <summary>Oldest acceptable book update; older means stale market data.</summary>
    public long MaxMarketDataAgeNanos { get; init; } = 100_000_000;

    /// <summary>Refuse orders that would cross our own resting orders.</summary>
    public bool SelfTradePrevention { get; init; } = true;
}
