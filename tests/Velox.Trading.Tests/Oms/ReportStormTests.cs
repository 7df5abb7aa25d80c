using Velox.Core;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Oms;

/// <summary>Duplicated and reordered reports (seeded) end in exactly the state the clean sequence produces.</summary>
public class ReportStormTests
{
    private sealed record Script(OrderRequest Request, bool CancelAfterSubmit, List<Func<long, ExecutionReport>> Reports);

    private static List<Script> Scripts(int seed, int orders)
    {
        var random = new Random(seed);
        var scripts = new List<Script>();
        long fillId = 0;
        for (var i = 0; i < orders; i++)
        {
            var quantity = random.Next(2, 50);
            var side = random.Next(2) == 0 ? Side.Bid : Side.Ask;
            var request = new OrderRequest(i % 2 == 0 ? Btc : Eth, side, OrderType.Limit, TimeInForce.GoodTillCancel, Px(100 + random.Next(10)), Qty(quantity));
            var reports = new List<Func<long, ExecutionReport>>();
            var kind = random.Next(4);
            var cancel = kind == 1;
            if (kind == 3)
            {
                reports.Add(id => ExecutionReport.Reject(id, 9));
            }
            else
            {
                var venueId = 1_000 + i;
                reports.Add(id => ExecutionReport.Ack(id, venueId));
                var toFill = kind == 0 ? quantity : random.Next(0, quantity);
                while (toFill > 0)
                {
                    var part = Math.Min(toFill, random.Next(1, 6));
                    toFill -= part;
                    var thisFill = ++fillId;
                    var price = Px(100 + random.Next(10));
                    var fee = (long)random.Next(-50, 200);
                    reports.Add(id => ExecutionReport.Fill(id, thisFill, price, Qty(part), fee, fee < 0 ? Liquidity.Maker : Liquidity.Taker));
                }

                if (kind == 1)
                {
                    reports.Add(ExecutionReport.CancelAck);
                }
                else if (kind == 2)
                {
                    reports.Add(ExecutionReport.Expire);
                }
            }

            scripts.Add(new Script(request, cancel, reports));
        }

        return scripts;
    }

    private static (OrderManager Oms, long[] Ids) Run(List<Script> scripts, Random? storm)
    {
        var oms = NewOms(maxOrders: scripts.Count, fillHistory: 100_000);
        var ids = new long[scripts.Count];
        var all = new List<ExecutionReport>();
        for (var i = 0; i < scripts.Count; i++)
        {
            ids[i] = Submit(oms, scripts[i].Request);
            if (scripts[i].CancelAfterSubmit)
            {
                Assert.That(oms.TryCancel(ids[i]), Is.EqualTo(CommandStatus.Accepted));
            }

            foreach (var report in scripts[i].Reports)
            {
                all.Add(report(ids[i]));
            }
        }

        if (storm is not null)
        {
            var copies = all.Count;
            for (var i = 0; i < copies; i++)
            {
                if (storm.Next(3) == 0)
                {
                    all.Add(all[i]);
                }
            }

            for (var i = 0; i < 50; i++)
            {
                all.Add(ExecutionReport.Fill(storm.NextInt64(1, long.MaxValue), i, Px(1), Qty(1)));
            }

            // Fisher-Yates with the seeded generator: any order at all, across orders and within one.
            for (var i = all.Count - 1; i > 0; i--)
            {
                var j = storm.Next(i + 1);
                (all[i], all[j]) = (all[j], all[i]);
            }
        }

        foreach (var report in all)
        {
            var outcome = oms.Apply(report, out _);
            Assert.That(outcome, Is.Not.EqualTo(ReportOutcome.IllegalTransition).And.Not.EqualTo(ReportOutcome.Overfill));
        }

        return (oms, ids);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(20240601)]
    public void Storm_EndsInTheCleanState(int seed)
    {
        var scripts = Scripts(seed, 300);
        var (clean, cleanIds) = Run(scripts, null);
        var (stormed, stormIds) = Run(scripts, new Random(seed * 31));

        Assert.That(stormed.Count(ReportOutcome.DuplicateFill), Is.Positive);
        Assert.That(stormed.Count(ReportOutcome.UnknownOrder), Is.EqualTo(50));
        Assert.That(stormed.OpenOrders, Is.EqualTo(clean.OpenOrders));
        Assert.That(clean.OpenOrders, Is.Zero);
        for (var i = 0; i < scripts.Count; i++)
        {
            clean.TryGet(cleanIds[i], out var expected);
            stormed.TryGet(stormIds[i], out var actual);
            Assert.That(actual.State, Is.EqualTo(expected.State), $"order {i}");
            Assert.That(actual.Filled, Is.EqualTo(expected.Filled), $"order {i}");
            Assert.That(actual.FilledNotional, Is.EqualTo(expected.FilledNotional), $"order {i}");
            Assert.That(actual.Fees, Is.EqualTo(expected.Fees), $"order {i}");
            Assert.That(actual.VenueOrderId, Is.EqualTo(expected.VenueOrderId).Or.Zero, $"order {i}");
        }

        foreach (var instrument in new[] { Btc, Eth })
        {
            Assert.That(stormed.OpenLeaves(instrument, Side.Bid), Is.EqualTo(clean.OpenLeaves(instrument, Side.Bid)));
            Assert.That(stormed.OpenLeaves(instrument, Side.Ask), Is.EqualTo(clean.OpenLeaves(instrument, Side.Ask)));
        }
    }
}
