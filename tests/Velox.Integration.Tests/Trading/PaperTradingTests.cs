using System.Net;
using Velox.Core;
using Velox.Host.Config;
using Velox.Integration.Tests.Admin;
using Velox.Integration.Tests.Commands;
using Velox.Strategies.Execution;
using Velox.Trading.Journal;
using Velox.Trading.Oms;

namespace Velox.Integration.Tests.Trading;

/// <summary>
/// `velox run --strategy mm` against the embedded simulator, in process: the market maker trades the demo
/// account over the real WebSocket, every order passes risk and lands in the journal, the journal's fills
/// explain the position and PnL, shutdown and the kill switch leave nothing open at the exchange, and the
/// md thread allocates nothing per frame once warm.
/// </summary>
[NonParallelizable]
public class PaperTradingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Quotes 2% away: they rest instead of filling, so there are open orders to cancel.</summary>
    private static VeloxConfig WideQuotes => new() { Strategy = new StrategyConfig { Mm = new MarketMakingConfig { SpreadBps = 400 } } };

    [Test]
    public void Paper_market_maker_trades_and_the_journal_explains_position_and_pnl()
    {
        using var paper = new PaperRun(ExecutionMode.Paper);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.Fills >= 3 && s.TickToTradeCount > 0, Timeout), Is.True, $"no fills:\n{paper.Output}");
        Assert.That(paper.StopAndWait(), Is.EqualTo(0), paper.Output);

        var run = paper.Run;
        var status = run.Loop.Take();
        var stop = run.Loop.Stop!;
        Assert.Multiple(() =>
        {
            Assert.That(status.OrdersSent, Is.GreaterThan(0));
            Assert.That(status.Acked, Is.GreaterThan(0));
            Assert.That(status.Fills, Is.GreaterThanOrEqualTo(3));
            Assert.That(status.SequenceGaps, Is.Zero);
            Assert.That(status.Errors, Is.Zero);
            Assert.That(run.TickToTrade.Histogram.Count, Is.GreaterThan(0));
            Assert.That(stop.StillOpen, Is.Zero);
            Assert.That(run.Matching.OpenOrderCount(0), Is.Zero, "nothing left resting at the simulator");
            Assert.That(paper.Output, Does.Contain("tick-to-trade p50"));
        });

        // Independently of the engine: replay the journal's fills.
        var sides = new Dictionary<long, Side>();
        var reported = new HashSet<long>();
        long position = 0, fees = 0, fills = 0, amends = 0;
        Int128 cash = 0;
        long lastPrice = 0;
        using (var reader = JournalReader.Open(paper.Run.JournalPath))
        {
            Assert.That(reader.HeaderStatus, Is.EqualTo(JournalReadStatus.Record));
            JournalReadStatus read;
            while ((read = reader.TryRead(out var entry)) == JournalReadStatus.Record)
            {
                switch (entry.Type)
                {
                    case JournalRecordType.NewOrder:
                        sides.Add(entry.ClientOrderId, entry.Side);
                        break;
                    case JournalRecordType.Amend when (CommandStatus)entry.Code == CommandStatus.Accepted:
                        amends++;
                        break;
                    case JournalRecordType.Report:
                        reported.Add(entry.ClientOrderId);
                        if (entry.ExecType == ExecType.Fill && (ReportOutcome)entry.Code == ReportOutcome.Applied)
                        {
                            var signed = sides[entry.ClientOrderId] == Side.Bid ? entry.Quantity.Raw : -entry.Quantity.Raw;
                            position += signed;
                            cash -= (Int128)signed * entry.Price.Raw;
                            fees += entry.Fee;
                            lastPrice = entry.Price.Raw;
                            fills++;
                        }

                        break;
                }
            }

            Assert.That(read, Is.EqualTo(JournalReadStatus.End), reader.Error);
        }

        var positions = run.Engine.Positions;
        var id = run.Instrument.Id;
        Assert.Multiple(() =>
        {
            Assert.That(reported.IsSubsetOf(sides.Keys), Is.True, "every order the venue reported on was journalled as a risk-passed new order");
            Assert.That(sides.Count + amends, Is.EqualTo(run.Engine.Risk.Passed), "each new order and accepted amend in the journal passed risk, and only those");
            Assert.That(amends, Is.GreaterThan(0), "the market maker amends its quotes by default");
            Assert.That(run.Engine.Orders.IllegalTransitions, Is.Zero);
            Assert.That(fills, Is.EqualTo(status.Fills));
            Assert.That(position, Is.EqualTo(positions[id].Quantity.Raw));
            Assert.That(fees, Is.EqualTo(positions[id].Fees));

            // Realized + unrealized at any mark = the fills' cash flow + position × mark (gross of fees).
            var mark = new Core.Numerics.Price(lastPrice);
            Assert.That(positions[id].RealizedPnl + positions.UnrealizedPnl(id, mark), Is.EqualTo(cash + ((Int128)position * lastPrice)));
        });
    }

    [Test]
    public void Dry_run_decides_but_sends_nothing_to_the_simulator()
    {
        using var paper = new PaperRun(ExecutionMode.DryRun);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.OrdersSent >= 2 && s.Acked >= 2, Timeout), Is.True, $"no decisions:\n{paper.Output}");
        Assert.That(paper.StopAndWait(), Is.EqualTo(0), paper.Output);
        Assert.Multiple(() =>
        {
            Assert.That(paper.Run.Matching.Requests, Is.Zero, "the simulator saw no order input");
            Assert.That(paper.Run.Matching.OpenOrderCount(0), Is.Zero);
            Assert.That(paper.Run.Loop.Stop!.StillOpen, Is.Zero, "the dry-run venue confirmed the shutdown cancels");
            Assert.That(paper.Output, Does.Contain("tick-to-decision (dry run, nothing sent)"));
        });
    }

    [Test]
    public void Shutdown_cancels_every_open_paper_order_at_the_simulator_and_flushes_the_journal()
    {
        using var paper = new PaperRun(ExecutionMode.Paper, WideQuotes);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.OpenOrders >= 2 && s.Acked >= 2, Timeout), Is.True, $"no resting quotes:\n{paper.Output}");
        Assert.That(paper.Run.Matching.OpenOrderCount(0), Is.GreaterThanOrEqualTo(1));
        Assert.That(paper.StopAndWait(), Is.EqualTo(0), paper.Output);

        var stop = paper.Run.Loop.Stop!;
        Assert.Multiple(() =>
        {
            Assert.That(stop.OpenAtStop, Is.GreaterThanOrEqualTo(1));
            Assert.That(stop.Cancelled, Is.EqualTo(stop.OpenAtStop), "every open order confirmed cancelled");
            Assert.That(stop.StillOpen, Is.Zero);
            Assert.That(paper.Run.Matching.OpenOrderCount(0), Is.Zero, "nothing rests at the simulator");
            Assert.That(paper.Output, Does.Contain($"{stop.OpenAtStop} orders open when the strategy stopped, {stop.OpenAtStop} cancelled, 0 still open"));
        });

        // The journal is on disk and complete: it ends with the shutdown's cancel acks.
        var cancelAcks = 0;
        using var reader = JournalReader.Open(paper.Run.JournalPath);
        while (reader.TryRead(out var entry) == JournalReadStatus.Record)
        {
            cancelAcks += entry.Type == JournalRecordType.Report && entry.ExecType == ExecType.CancelAck ? 1 : 0;
        }

        Assert.That(reader.Error, Is.Null);
        Assert.That(cancelAcks, Is.GreaterThanOrEqualTo(stop.OpenAtStop));
    }

    [Test]
    public async Task Admin_kill_cancels_everything_at_the_simulator_and_no_order_follows()
    {
        const string Token = "paper-kill-token";
        using var paper = new PaperRun(ExecutionMode.Paper, WideQuotes, adminToken: Token);
        paper.Start();
        Assert.That(paper.WaitFor(s => s.OpenOrders >= 2 && s.Acked >= 2 && s.TickToTradeCount > 0, Timeout), Is.True, $"no resting quotes:\n{paper.Output}");

        using var http = new HttpClient { BaseAddress = paper.Run.AdminUrl, Timeout = TimeSpan.FromSeconds(20) };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(AdminScrape.Value(metrics, "velox_tick_to_trade_seconds_count", string.Empty), Is.GreaterThan(0));
        Assert.That(AdminScrape.Value(metrics, "velox_risk_passed_total", string.Empty), Is.GreaterThan(0));

        using var kill = new HttpRequestMessage(HttpMethod.Post, "/kill");
        kill.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.SendAsync(kill);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(paper.WaitFor(s => s.KillSwitch && s.OpenOrders == 0, Timeout), Is.True, "the OMS still has open orders");
        var deadline = DateTime.UtcNow + Timeout;
        while (paper.Run.Matching.OpenOrderCount(0) > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.That(paper.Run.Matching.OpenOrderCount(0), Is.Zero, "the simulator still holds orders");
        var sent = paper.Run.Loop.Take().OrdersSent;
        var requests = paper.Run.Matching.Requests;
        Thread.Sleep(600);
        Assert.Multiple(() =>
        {
            Assert.That(paper.Run.Loop.Take().OrdersSent, Is.EqualTo(sent), "no new order after the kill switch");
            Assert.That(paper.Run.Matching.Requests, Is.EqualTo(requests), "the simulator saw nothing after the cancel-all");
        });
        paper.StopAndWait();
        Assert.That(paper.Run.Loop.Stop!.StillOpen, Is.Zero);

        // Within one cycle: risk refuses every order from the moment the switch is engaged, and the first cycle
        // after it journals the cancel-all; no new order follows it in the journal.
        var cancelAlls = 0;
        var newAfterKill = 0;
        using var reader = JournalReader.Open(paper.Run.JournalPath);
        while (reader.TryRead(out var entry) == JournalReadStatus.Record)
        {
            cancelAlls += entry.Type == JournalRecordType.CancelAll ? 1 : 0;
            newAfterKill += entry.Type == JournalRecordType.NewOrder && cancelAlls > 0 ? 1 : 0;
        }

        Assert.That(reader.Error, Is.Null);
        Assert.That(cancelAlls, Is.GreaterThanOrEqualTo(1));
        Assert.That(newAfterKill, Is.Zero, "a new order was journalled after the kill switch's cancel-all");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Steady_state_tick_to_order_path_allocates_nothing_on_the_md_thread(bool latencyBreakdown)
    {
        using var paper = new PaperRun(ExecutionMode.Paper, eventsPerSecond: 5000, latencyBreakdown: latencyBreakdown);
        paper.Run.Loop.AllocationWarmupFrames = 5_000;
        paper.Run.Loop.AllocationFrames = 10_000;
        paper.Start();
        Assert.That(paper.WaitFor(_ => paper.Run.Loop.AllocationMeasured is not null, TimeSpan.FromSeconds(20)), Is.True, $"window never closed:\n{paper.Output}");
        paper.StopAndWait();
        var measured = paper.Run.Loop.AllocationMeasured!;
        TestContext.Out.WriteLine($"{measured.Bytes} B over {measured.Frames} frames, {measured.Orders} orders sent");
        Assert.That(measured.Orders, Is.GreaterThan(0), "the window covered the order path");
        Assert.That(measured.Bytes, Is.Zero);
    }

    [Test]
    public void Native_binary_paper_trades_and_reports_fills_and_tick_to_trade()
    {
        var binary = VeloxBinary.Require();
        var journal = Path.Combine(Path.GetTempPath(), $"velox-aot-{Guid.NewGuid():N}.journal");
        try
        {
            var (exitCode, output, error) = VeloxBinary.Run(
                binary, TimeSpan.FromSeconds(60), "run", "--strategy", "mm", "--mode", "paper", "--duration", "4", "--journal", journal);
            Assert.That(exitCode, Is.EqualTo(0), output + error);
            var summary = output.Split('\n').Single(l => l.StartsWith("summary:", StringComparison.Ordinal));
            var fills = System.Text.RegularExpressions.Regex.Match(summary, @"fills (\d+)");
            Assert.That(fills.Success && int.Parse(fills.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, Is.True, summary);
            Assert.That(output, Does.Match(@"tick-to-trade p50 \S+µs p99 \S+µs p99\.9 \S+µs"));
            Assert.That(output, Does.Contain("0 still open"));
        }
        finally
        {
            File.Delete(journal);
        }
    }
}
