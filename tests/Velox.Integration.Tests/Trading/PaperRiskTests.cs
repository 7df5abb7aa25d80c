using Velox.Core.Instruments;
using Velox.Host.Config;
using Velox.Integration.Tests.Admin;
using Velox.MarketData;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;
using Velox.Strategies.Execution;
using Velox.Trading.Journal;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Integration.Tests.Trading;

/// <summary>
/// The paper run's circuit breakers and startup reconciliation end to end against the embedded simulator:
/// a tiny max drawdown halts the market maker and leaves nothing resting at the exchange; an account an
/// earlier run left with extra BTC and a resting order is reconciled before the strategy trades.
/// </summary>
[NonParallelizable]
public class PaperRiskTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Test]
    public async Task A_tiny_max_drawdown_halts_cancels_everything_at_the_simulator_and_says_why()
    {
        Assert.That(ConfigDecimal.TryParse("0.01", out var drawdown), Is.True);
        var config = new VeloxConfig
        {
            Risk = new RiskConfig { Breakers = new BreakerConfig { MaxDrawdown = drawdown } },
        };
        const string Token = "paper-breaker-token";
        using var paper = new PaperRun(ExecutionMode.Paper, config, adminToken: Token);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.Mode == TradingMode.Halt && s.OpenOrders == 0, Timeout), Is.True, $"no HALT:\n{paper.Output}");
        var deadline = DateTime.UtcNow + Timeout;
        while (paper.Run.Matching.OpenOrderCount(0) > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var status = paper.Run.Loop.Take();
        Assert.Multiple(() =>
        {
            Assert.That(paper.Run.Matching.OpenOrderCount(0), Is.Zero, "the simulator still holds orders");
            Assert.That(status.Fills, Is.GreaterThan(0), "equity moved through fills");
            Assert.That(status.Breaker, Does.StartWith("HALT by drawdown: equity "));
            Assert.That(paper.Run.Engine.Breakers.IsTripped(BreakerKind.Drawdown), Is.True);
        });

        using var http = new HttpClient { BaseAddress = paper.Run.AdminUrl, Timeout = TimeSpan.FromSeconds(20) };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Multiple(() =>
        {
            Assert.That(AdminScrape.Value(metrics, "velox_breaker_tripped", "breaker=\"drawdown\""), Is.EqualTo(1));
            Assert.That(AdminScrape.Value(metrics, "velox_breaker_tripped", "breaker=\"daily_loss\""), Is.Zero);
            Assert.That(AdminScrape.Value(metrics, "velox_trading_mode", string.Empty), Is.EqualTo(2));
        });

        var sent = paper.Run.Loop.Take().OrdersSent;
        var requests = paper.Run.Matching.Requests;
        Thread.Sleep(1200);
        Assert.Multiple(() =>
        {
            Assert.That(paper.Run.Loop.Take().OrdersSent, Is.EqualTo(sent), "no new order while halted");
            Assert.That(paper.Run.Matching.Requests, Is.EqualTo(requests), "the simulator saw nothing after the cancel-all");
        });

        paper.StopAndWait();
        Assert.Multiple(() =>
        {
            Assert.That(paper.Run.Loop.Stop!.StillOpen, Is.Zero);
            Assert.That(paper.Output, Does.Contain("| HALT by drawdown: equity "), "the status line names the breaker");
            Assert.That(paper.Output, Does.Contain("  breaker tripped: HALT by drawdown: equity "), "and the summary");
        });
    }

    [Test]
    public void An_account_left_by_an_earlier_run_is_reconciled_before_the_strategy_trades()
    {
        var wide = new VeloxConfig { Strategy = new StrategyConfig { Mm = new MarketMakingConfig { SpreadBps = 400 } } };
        using var paper = new PaperRun(ExecutionMode.Paper, wide);
        var exchange = paper.Run.Matching;
        var btc = SimInstrumentSpec.Defaults.ToList().FindIndex(s => s.Symbol == "tBTCUSD");
        var mts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var earlierRun = new IgnoredEvents();

        // The earlier run sold 0.05 BTC at 60,000 (taker fee 0.2% in USD) and left a bid at 30,000 resting.
        exchange.Submit(
            new SimOrderRequest { Account = 0, Instrument = btc, Amount = -5_000_000, Type = SimOrderType.Market },
            new OneBid(60_000_0000000000, 1_00000000), mts, earlierRun);
        exchange.Submit(
            new SimOrderRequest { Account = 0, Instrument = btc, Cid = 42, Amount = 1_000_000, Price = 30_000_0000000000, Type = SimOrderType.Limit },
            new OneBid(60_000_0000000000, 1_00000000), mts, earlierRun);
        var left = new List<SimOrderSnapshot>();
        exchange.CopyOpenOrders(0, left);
        Assert.That(left, Has.Count.EqualTo(1), "the earlier run's bid rests");
        var leftId = left[0].Id;

        paper.Start();
        Assert.That(paper.WaitFor(s => s.Reconciliation is not null && s.Acked >= 2, Timeout), Is.True, $"not reconciled or not trading:\n{paper.Output}");
        var deadline = DateTime.UtcNow + Timeout;
        while (IsOpen(exchange, leftId) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        var report = paper.Run.Loop.Take().Reconciliation!;
        Assert.Multiple(() =>
        {
            Assert.That(IsOpen(exchange, leftId), Is.False, "the earlier run's order was cancelled");
            Assert.That(exchange.OpenOrderCount(0), Is.GreaterThan(0), "this run's quotes rest (the cancel-all went out before them)");
            Assert.That(paper.Run.Reconciliation!.Completed, Is.True);
            Assert.That(paper.Run.Reconciliation.OpeningPosition, Is.EqualTo(-5_000_000), "short 0.05 BTC at size scale 8");
            Assert.That(report, Does.StartWith("reconciled with bitfinex: exchange wallet 9.95 BTC (expected 10), difference -0.05 BTC booked as the opening position at mid "));
            Assert.That(report, Does.Contain(", 1002994 USD (expected 1000000, difference +2994)"), "3,000 USD received less the 6 USD fee");
            Assert.That(report, Does.EndWith($"; 1 order(s) left open by an earlier run (venue id {leftId}) cancelled"));
        });

        paper.StopAndWait();
        Assert.That(paper.Output, Does.Contain("  " + report), "the reconciliation is in the run's output");

        // The journal holds the opening position and the cancelled order, and replaying it gives the run's position.
        var instrument = paper.Run.Instrument;
        var registry = new InstrumentRegistry();
        registry.Add(instrument.Venue, instrument.Symbol, instrument.PriceScale, instrument.SizeScale);
        var replay = new JournalReplay(new PositionBook(registry));
        var openings = new List<JournalEntry>();
        var cancelledEarlier = new List<long>();
        using (var reader = JournalReader.Open(paper.Run.JournalPath))
        {
            while (reader.TryRead(out var entry) == JournalReadStatus.Record)
            {
                replay.Apply(entry);
                if (entry.Type == JournalRecordType.OpeningPosition)
                {
                    openings.Add(entry);
                }
                else if (entry.Type == JournalRecordType.EarlierOrderCancelled)
                {
                    cancelledEarlier.Add(entry.VenueOrderId);
                }
            }

            Assert.That(reader.Error, Is.Null);
        }

        Assert.Multiple(() =>
        {
            Assert.That(openings, Has.Count.EqualTo(1));
            Assert.That(openings[0].Quantity.Raw, Is.EqualTo(-5_000_000));
            Assert.That(openings[0].Price.Raw, Is.GreaterThan(0), "booked at the mid");
            Assert.That(openings[0].WallNanos, Is.GreaterThan(0));
            Assert.That(cancelledEarlier, Is.EqualTo(new[] { leftId }));
            Assert.That(replay.Unmatched, Is.Zero);
            Assert.That(replay.Positions[instrument.Id], Is.EqualTo(paper.Run.Engine.Positions[instrument.Id]), "replay = run, opening position included");
        });
    }

    private static bool IsOpen(MatchingEngine exchange, long id)
    {
        var open = new List<SimOrderSnapshot>();
        exchange.CopyOpenOrders(0, open);
        return open.Exists(o => o.Id == id);
    }

    /// <summary>The earlier run's connection: its events are gone with it.</summary>
    private sealed class IgnoredEvents : IExecutionSink
    {
        public void Enqueue(in ExecutionEvent e)
        {
        }
    }

    /// <summary>The market the earlier run sold into: one bid level.</summary>
    private sealed class OneBid(long bidPrice, long bidSize) : ISyntheticLiquidity
    {
        public int Depth(int instrument, bool bids) => bids ? 1 : 0;

        public BookLevel Level(int instrument, bool bids, int index) => new(bidPrice, bidSize, 1);

        public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts)
        {
        }
    }
}
