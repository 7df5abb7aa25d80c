using Velox.Core.Numerics;
using Velox.MarketData.Sync;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Arbitrage;

/// <summary>Arbitrage between A (bitfinex) and B (binance) on a <see cref="StrategyHarness"/>; both books in sync.</summary>
internal sealed class ArbitrageFixture
{
    public ArbitrageFixture(ArbitrageParameters? parameters = null, RiskOptions? risk = null, bool acknowledge = false)
    {
        H = new StrategyHarness(risk, acknowledge: acknowledge);
        Arb = new CrossVenueArbitrage<DryRunSink>(parameters ?? Defaults(), H.Registry, H.Router, H.Clock);
        Host = new StrategyHost<CrossVenueArbitrage<DryRunSink>, DryRunSink>(Arb, H.Router);
        Host.OnBookState(A, BookSyncState.InSync);
        Host.OnBookState(B, BookSyncState.InSync);
    }

    public StrategyHarness H { get; }

    public CrossVenueArbitrage<DryRunSink> Arb { get; }

    public StrategyHost<CrossVenueArbitrage<DryRunSink>, DryRunSink> Host { get; }

    /// <summary>Taker fees 10 bps on both venues, margin 5 bps, at most 1.0, at least 0.01, lots 0.0001, data age 500 ms, leg timeout 2 s, cooldown 100 ms.</summary>
    public static ArbitrageParameters Defaults() => new()
    {
        InstrumentA = A,
        InstrumentB = B,
        TakerFeeA = BasisPoints.FromWhole(10),
        TakerFeeB = BasisPoints.FromWhole(10),
        MinMargin = BasisPoints.FromWhole(5),
        MaxQuantity = new Quantity(10_000),
        MinQuantity = new Quantity(100),
        LotSizeA = new Quantity(1),
        LotSizeB = new Quantity(1),
    };

    /// <summary>Sets one venue's top of book and delivers the update.</summary>
    public void Top(Velox.Core.Instruments.InstrumentId instrument, long bid, long bidSize, long ask, long askSize)
    {
        H.SetTop(instrument, bid, bidSize, ask, askSize);
        Host.OnBookUpdate(H.Update(instrument));
    }

    /// <summary>A: 99.90 × 2.0 / 100.00 × 2.0; B: <paramref name="bidB"/> × <paramref name="bidSizeB"/> / bidB + 0.10 × 2.0.</summary>
    public void Books(long bidB, long bidSizeB = 5_000)
    {
        Top(A, 9_990, 20_000, 10_000, 20_000);
        Top(B, bidB, bidSizeB, bidB + 10, 20_000);
    }

    public int DrainVenue()
    {
        var handler = new StrategyHostHandler<CrossVenueArbitrage<DryRunSink>, DryRunSink>(Host);
        return H.Venue.DrainReports(ref handler);
    }

    public List<ArbitrageEvent> Events()
    {
        var list = new List<ArbitrageEvent>();
        while (Arb.Events.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }
}
