using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Host.Config;
using Velox.Strategies;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Risk;

namespace Velox.Host.Trading;

/// <summary>
/// Turns the configuration's <c>risk</c> and <c>strategy.mm</c> sections into engine and strategy settings for
/// one instrument (cold path). A zero quote size or inventory limit (the configuration's "unset") takes the
/// paper defaults: 0.01 and 10 quotes' worth of the base currency.
/// </summary>
public static class TradingSettings
{
    /// <summary>The instrument quoted when strategy.mm.instrument is not set.</summary>
    public const string DefaultInstrument = "tBTCUSD";

    /// <summary>Pre-trade limits for <paramref name="instrument"/>; false with the field's name when a value does not fit its scale.</summary>
    public static bool TryRisk(RiskConfig risk, Instrument instrument, out RiskOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(instrument);
        options = new RiskOptions();
        if (!TryRaw(risk.MaxOrderSize, instrument.SizeScale, "risk.max_order_size", out var maxSize, out error) ||
            !TryRaw(risk.MaxOrderNotional, instrument.PriceScale, "risk.max_order_notional", out var maxNotional, out error) ||
            !TryRaw(risk.MaxPosition, instrument.SizeScale, "risk.max_position", out var maxPosition, out error))
        {
            return false;
        }

        options = new RiskOptions
        {
            DefaultLimits = new InstrumentRiskLimits
            {
                MaxOrderQuantity = maxSize,
                MaxOrderNotional = maxNotional,
                MaxPosition = maxPosition,
                MaxOpenOrders = risk.MaxOpenOrders,
                PriceBandBps = risk.PriceBandBps,
            },
            VenueOrdersPerSecond = risk.MaxOrdersPerSecond,
            VenueOrderBurst = risk.MaxOrdersPerSecond,
            MaxMarketDataAgeNanos = risk.StaleDataMillis * 1_000_000L,
        };
        return true;
    }

    /// <summary>
    /// Circuit breakers from <c>risk.breakers</c>: drawdown and daily loss in quote units at
    /// <see cref="BreakerFeed.EquityScale"/> (what <see cref="BreakerFeed"/> feeds), the reject rate per minute, the
    /// volatility range in bps over its window. False with the field's name when an amount does not fit that scale.
    /// </summary>
    public static bool TryBreakers(RiskConfig risk, out BreakerOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(risk);
        options = new BreakerOptions();
        var config = risk.Breakers;
        if (!TryRaw(config.MaxDrawdown, BreakerFeed.EquityScale, "risk.breakers.maxDrawdown", out var drawdown, out error) ||
            !TryRaw(config.MaxDailyLoss, BreakerFeed.EquityScale, "risk.breakers.maxDailyLoss", out var dailyLoss, out error))
        {
            return false;
        }

        options = new BreakerOptions
        {
            MaxDrawdown = drawdown,
            MaxDailyLoss = dailyLoss,
            MaxErrors = config.MaxRejectRatePerMinute,
            ErrorWindowNanos = 60_000_000_000,
            MaxMoveBps = config.MaxMoveBps,
            VolatilityWindowNanos = config.VolatilityWindowMillis * 1_000_000L,
            DrawdownMode = ModeOf(config.DrawdownMode),
            DailyLossMode = ModeOf(config.DailyLossMode),
            ErrorMode = ModeOf(config.RejectRateMode),
            VolatilityMode = ModeOf(config.VolatilityMode),
        };
        return true;
    }

    /// <summary>Market maker parameters for <paramref name="instrument"/> quoted on <paramref name="tickRaw"/>.</summary>
    public static bool TryMarketMaker(MarketMakingConfig mm, Instrument instrument, long tickRaw, out MarketMakerParameters? parameters, out string error)
    {
        ArgumentNullException.ThrowIfNull(mm);
        ArgumentNullException.ThrowIfNull(instrument);
        parameters = null;
        if (!TryRaw(mm.Size, instrument.SizeScale, "strategy.mm.size", out var size, out error) ||
            !TryRaw(mm.InventoryLimit, instrument.SizeScale, "strategy.mm.inventory_limit", out var inventory, out error))
        {
            return false;
        }

        size = size > 0 ? size : (long)FixedPoint.Pow10(instrument.SizeScale) / 100;
        inventory = inventory > 0 ? inventory : size * 10;

        // Microprice-like: a fully one-sided top of book moves the fair value by weight × 1 bp (about half a
        // liquid book's spread), far less than our own spread, so imbalance alone does not churn the quotes.
        var imbalance = (long)Math.Round(mm.ImbalanceWeight * BasisPointsPerUnit);
        parameters = new MarketMakerParameters
        {
            Instrument = instrument.Id,
            TickSize = new Price(tickRaw),
            LotSize = new Quantity(1),
            QuoteSize = new Quantity(size),
            Levels = mm.Levels,
            Spread = BasisPoints.FromWhole(mm.SpreadBps),
            ImbalanceSkew = new BasisPoints(imbalance),
            InventorySkew = BasisPoints.FromWhole(mm.InventorySkewBps),
            MaxInventory = new Quantity(inventory),
            RequoteThreshold = BasisPoints.FromWhole(mm.RequoteThresholdBps),
            Requote = mm.Requote == RequoteKind.CancelNew ? RequoteMethod.CancelNew : RequoteMethod.Amend,
        };
        try
        {
            parameters.Validate();
        }
        catch (ArgumentException e)
        {
            parameters = null;
            error = $"strategy.mm: {e.Message}";
            return false;
        }

        return true;
    }

    private const long BasisPointsPerUnit = 100;

    private static TradingMode ModeOf(BreakerModeKind mode) => mode == BreakerModeKind.ReduceOnly ? TradingMode.ReduceOnly : TradingMode.Halt;

    private static bool TryRaw(ConfigDecimal value, int scale, string name, out long raw, out string error)
    {
        if (!value.TryToRaw(scale, out raw) || raw < 0)
        {
            error = $"{name} = {value} does not fit {scale} decimals";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
