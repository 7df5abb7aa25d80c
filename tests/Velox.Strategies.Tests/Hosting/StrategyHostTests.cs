using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Strategies.Tests.StrategyHarness;

namespace Velox.Strategies.Tests.Hosting;

public class StrategyHostTests
{
    /// <summary>A struct strategy: the host keeps it in place, so its counters change inside the host.</summary>
    private struct CountingStrategy : IStrategy
    {
        public int Books;
        public int States;
        public int Trades;
        public int Reports;
        public int Timers;
        public OrderState LastReportedState;
        public OrderManager? Orders;

        public void OnBook(in BookUpdate update) => Books++;

        public void OnBookState(InstrumentId instrument, BookSyncState state) => States++;

        public void OnTrade(in TradeEvent trade) => Trades++;

        public void OnExecutionReport(in ExecutionReport report, ReportOutcome outcome)
        {
            Reports++;
            Orders!.TryGet(report.ClientOrderId, out var order);
            LastReportedState = order.State;
        }

        public void OnTimer(long nowNanos) => Timers++;
    }

    [Test]
    public void StructStrategy_IsCalledInPlace_ReportsReachItAfterTheOms()
    {
        var h = new StrategyHarness();
        var host = new StrategyHost<CountingStrategy, DryRunSink>(new CountingStrategy { Orders = h.Engine.Orders }, h.Router);
        var handler = new StrategyHostHandler<CountingStrategy, DryRunSink>(host);
        handler.OnBookState(A, BookSyncState.InSync, ResyncReason.None);
        h.SetTop(A, 100_000, 10_000, 100_200, 10_000);
        handler.OnBookUpdate(h.Update(A));
        handler.OnTrade(new TradeEvent(A, 1, 0, 100_100, 5, false, h.Clock.NowNanos()));
        handler.OnTicker(default);
        host.OnTimer(h.Clock.NowNanos());

        Assert.That(h.Router.Submit(OrderRequest.Limit(A, Core.Side.Bid, new Price(99_000), new Quantity(1)), out var id, out _), Is.EqualTo(RouteStatus.Sent));
        handler.OnExecutionReport(ExecutionReport.Ack(id, 77));

        ref var strategy = ref host.Strategy;
        Assert.That((strategy.Books, strategy.States, strategy.Trades, strategy.Reports, strategy.Timers), Is.EqualTo((1, 1, 1, 1, 1)));
        Assert.That(strategy.LastReportedState, Is.EqualTo(OrderState.New), "the OMS applied the ack before the strategy saw it");
        Assert.That(host.Reports, Is.EqualTo(1));
        Assert.That(host.BookUpdates, Is.EqualTo(1));
        Assert.That(h.Market.State(A), Is.EqualTo(BookSyncState.InSync));
        Assert.That(h.Market.LastUpdateNanos(A), Is.EqualTo(h.Clock.NowNanos()));
    }

    [Test]
    public void Factories_BuildWorkingHostsFromParameters()
    {
        var h = new StrategyHarness();
        var mm = StrategyHosts.MarketMaker(Tests.MarketMaking.MarketMakerFixture.Defaults(), h.Engine, h.Market, new DryRunSink(h.Venue), h.Clock);
        mm.OnBookState(A, BookSyncState.InSync);
        h.SetTop(A, 100_000, 20_000, 100_200, 20_000);
        mm.OnBookUpdate(h.Update(A));
        Assert.That(mm.Strategy.QuotesPlaced, Is.EqualTo(2));
        Assert.That(mm.Router.Mode, Is.EqualTo(ExecutionMode.DryRun));

        var arb = StrategyHosts.Arbitrage(Tests.Arbitrage.ArbitrageFixture.Defaults(), h.Registry, h.Engine, h.Market, new DryRunSink(h.Venue), h.Clock);
        arb.OnBookState(B, BookSyncState.InSync);
        h.SetTop(B, 100_100, 20_000, 100_300, 20_000);
        arb.OnBookUpdate(h.Update(B));
        Assert.That(arb.Strategy.State, Is.EqualTo(Strategies.Arbitrage.ArbitrageState.Detecting));
        Assert.That(arb.Strategy.Checks, Is.EqualTo(1));

        Assert.That(
            () => StrategyHosts.MarketMaker(Tests.MarketMaking.MarketMakerFixture.Defaults() with { Levels = 0 }, h.Engine, h.Market, new DryRunSink(h.Venue), h.Clock),
            Throws.ArgumentException.With.Message.Contains("Levels"));
    }

    [Test]
    public void MarketView_MidAndRiskState()
    {
        var h = new StrategyHarness();
        Assert.That(h.Market.TryGetMid(A, out _), Is.False);
        Assert.That(h.Market.MarketStateOf(A).ReferencePrice.Raw, Is.Zero);
        h.SetTop(A, 100_000, 10_000, 100_003, 10_000);
        h.Market.OnBookState(A, BookSyncState.InSync);
        h.Market.OnBookUpdate(h.Update(A));

        Assert.That(h.Market.TryGetMid(A, out var mid), Is.True);
        Assert.That(mid.Raw, Is.EqualTo(100_001), "(1000.00 + 1000.03) / 2 truncated");
        Assert.That(h.Market.MarketStateOf(A), Is.EqualTo(new MarketState(BookSyncState.InSync, h.Clock.NowNanos(), new Price(100_001))));
        Assert.That(h.Market.Book(B), Is.SameAs(h.BookB));
    }

    [Test]
    public void VolatilityHalt_FromTheHostsMidFeed_StopsTrading()
    {
        var h = new StrategyHarness(breakers: new BreakerOptions { MaxMoveBps = 100, VolatilityMode = TradingMode.Halt });
        var host = new StrategyHost<CountingStrategy, DryRunSink>(new CountingStrategy { Orders = h.Engine.Orders }, h.Router);
        host.OnBookState(A, BookSyncState.InSync);
        h.SetTop(A, 100_000, 10_000, 100_010, 10_000);
        host.OnBookUpdate(h.Update(A));
        Assert.That(h.Router.IsStopped, Is.False);

        // The mid jumps 2 %: the volatility breaker halts, and the router sends the cancel-all at once.
        h.SetTop(A, 102_000, 10_000, 102_010, 10_000);
        host.OnBookUpdate(h.Update(A));
        Assert.That(h.Breakers.Mode, Is.EqualTo(TradingMode.Halt));
        Assert.That(h.Router.IsStopped, Is.True);
        Assert.That(h.Commands().Select(c => c.Kind), Is.EqualTo(new[] { SinkCommandKind.CancelAll }));
    }
}
