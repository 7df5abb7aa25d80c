using Velox.Core.Numerics;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.MarketMaking;

/// <summary>A market maker on instrument A of a <see cref="StrategyHarness"/> (prices at scale 2, sizes at scale 4).</summary>
internal sealed class MarketMakerFixture
{
    public MarketMakerFixture(MarketMakerParameters? parameters = null, RiskOptions? risk = null, BreakerOptions? breakers = null, bool acknowledge = false)
    {
        H = new StrategyHarness(risk, breakers, acknowledge);
        Maker = new MarketMaker<DryRunSink>(parameters ?? Defaults(), H.Router, H.Clock);
        Host = new StrategyHost<MarketMaker<DryRunSink>, DryRunSink>(Maker, H.Router);
        Host.OnBookState(A, BookSyncState.InSync);
    }

    public StrategyHarness H { get; }

    public MarketMaker<DryRunSink> Maker { get; }

    public StrategyHost<MarketMaker<DryRunSink>, DryRunSink> Host { get; }

    /// <summary>1 level, 10 bps spread, 5 bps spacing, size 1.0, lot 0.0001, tick 0.01, max inventory 5.0, requote beyond 1 bps, no skews.</summary>
    public static MarketMakerParameters Defaults() => new()
    {
        Instrument = A,
        TickSize = new Price(1),
        LotSize = new Quantity(1),
        QuoteSize = new Quantity(10_000),
        Spread = BasisPoints.FromWhole(10),
        LevelSpacing = BasisPoints.FromWhole(5),
        MaxInventory = new Quantity(50_000),
        RequoteThreshold = BasisPoints.FromWhole(1),
    };

    /// <summary>Sets A's book to one level each side and delivers the update.</summary>
    public void Top(long bid, long bidSize, long ask, long askSize)
    {
        H.SetTop(A, bid, bidSize, ask, askSize);
        Host.OnBookUpdate(H.Update(A));
    }

    /// <summary>The wide book used by most tests: 1000.00 × 2.0 / 1002.00 × 2.0 (mid 1001.00).</summary>
    public void WideBook() => Top(100_000, 20_000, 100_200, 20_000);

    /// <summary>Feeds the dry-run venue's synthetic answers back through the host.</summary>
    public int DrainVenue()
    {
        var handler = new StrategyHostHandler<MarketMaker<DryRunSink>, DryRunSink>(Host);
        return H.Venue.DrainReports(ref handler);
    }
}
