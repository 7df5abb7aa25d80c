using Velox.Core.Instruments;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Positions;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Journal;

/// <summary>Startup records (opening position, earlier-run orders cancelled) and replaying a journal into positions.</summary>
public class JournalReplayTests
{
    /// <summary>An engine that opens short 0.5 at 100.00 (startup), cancels two earlier orders, then trades around it.</summary>
    private static EngineHarness TradedRun(MemoryStream journal)
    {
        var h = new EngineHarness(journal: journal);
        Assert.That(h.Engine.TryOpenPosition(Btc, Qty(-0.5m), Px(100)), Is.True);
        h.Engine.JournalEarlierOrderCancelled(Btc, 9_001);
        h.Engine.JournalEarlierOrderCancelled(Btc, 9_002);
        var buy = h.Place(Buy(99, 2));
        h.Engine.OnReport(ExecutionReport.Ack(buy, 1));
        h.Engine.OnReport(ExecutionReport.Fill(buy, 1, Px(99), Qty(1.5m), 30, Liquidity.Maker));
        h.Engine.OnReport(ExecutionReport.Fill(buy, 1, Px(99), Qty(1.5m), 30, Liquidity.Maker));
        var sell = h.Place(Sell(101.25m, 1, Eth));
        h.Engine.OnReport(ExecutionReport.Ack(sell, 2));
        h.Engine.OnReport(ExecutionReport.Fill(sell, 2, Px(101.25m), Qty(0.25m), -5, Liquidity.Maker));
        h.Engine.OnReport(ExecutionReport.Fill(buy, 3, Px(98.5m), Qty(0.5m), 11, Liquidity.Maker));
        h.Engine.FlushJournal();
        journal.Position = 0;
        return h;
    }

    [Test]
    public void Replay_GivesTheRunsPositionsAndPnl_IncludingTheOpeningPosition()
    {
        var journal = new MemoryStream();
        var h = TradedRun(journal);
        var registry = new InstrumentRegistry();
        registry.Add("sim", "BTC-USD", 2, 4);
        registry.Add("sim", "ETH-USD", 2, 4);
        var replay = new JournalReplay(new PositionBook(registry));
        using var reader = new JournalReader(journal);

        Assert.That(replay.Run(reader), Is.EqualTo(JournalReadStatus.End));
        Assert.Multiple(() =>
        {
            Assert.That(replay.OpeningPositions, Is.EqualTo(1));
            Assert.That(replay.EarlierOrdersCancelled, Is.EqualTo(2));
            Assert.That(replay.Fills, Is.EqualTo(3), "the duplicate fill was not applied by the run, nor by the replay");
            Assert.That(replay.Unmatched, Is.Zero);
            foreach (var id in new[] { Btc, Eth })
            {
                Assert.That(replay.Positions[id], Is.EqualTo(h.Engine.Positions[id]), $"instrument {id.Value}");
                Assert.That(replay.Positions.NetRealizedPnl(id), Is.EqualTo(h.Engine.Positions.NetRealizedPnl(id)));
            }

            // Short 0.5 at 100 bought back at 99 (+0.50) then long 1.5 (1 at 99, 0.5 at 98.5).
            Assert.That(replay.Positions[Btc].Quantity, Is.EqualTo(Qty(1.5m)));
            Assert.That(replay.Positions[Btc].RealizedPnl, Is.EqualTo((Int128)Px(1).Raw * Qty(0.5m).Raw));
        });

        // Without the opening position record the replay would disagree with the run: the record matters.
        journal.Position = 0;
        using var again = new JournalReader(journal);
        var withoutOpening = new JournalReplay(new PositionBook(registry));
        while (again.TryRead(out var entry) == JournalReadStatus.Record)
        {
            if (entry.Type != JournalRecordType.OpeningPosition)
            {
                withoutOpening.Apply(entry);
            }
        }

        Assert.That(withoutOpening.Positions[Btc].Quantity, Is.Not.EqualTo(h.Engine.Positions[Btc].Quantity));
    }

    [Test]
    public void StartupRecords_RoundTrip_AndDumpPrintsThemWithTheReplay()
    {
        var journal = new MemoryStream();
        TradedRun(journal);
        using (var reader = new JournalReader(journal))
        {
            Assert.That(reader.TryRead(out var opening), Is.EqualTo(JournalReadStatus.Record));
            Assert.That((opening.Type, opening.Instrument, opening.Quantity, opening.Price), Is.EqualTo((JournalRecordType.OpeningPosition, Btc, Qty(-0.5m), Px(100))));
            Assert.That(opening.WallNanos, Is.Zero, "stamped by the harness's wall clock");
            Assert.That(opening.MonotonicNanos, Is.EqualTo(1_000_000_000));
            Assert.That(reader.TryRead(out var earlier), Is.EqualTo(JournalReadStatus.Record));
            Assert.That((earlier.Type, earlier.Instrument, earlier.VenueOrderId), Is.EqualTo((JournalRecordType.EarlierOrderCancelled, Btc, 9_001L)));
        }

        var path = Path.Combine(Path.GetTempPath(), "velox-replay-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(path, journal.ToArray());
            var output = new StringWriter();
            Assert.That(JournalDump.Run([path], output, new StringWriter()), Is.Zero);
            var text = output.ToString();
            Assert.That(text, Does.Contain("OpeningPosition inst=0 qty=-5000 px=10000"));
            Assert.That(text, Does.Contain("EarlierOrderCancelled inst=0 venue-id=9001").And.Contain("venue-id=9002"));
            Assert.That(text, Does.Contain("# replay inst=0 position=15000 "));
            Assert.That(text, Does.Contain("# replay inst=1 position=-2500 "));
            Assert.That(text, Does.Contain("# replay: 1 opening position(s), 3 fills, 2 earlier-run order(s) cancelled, 0 unmatched"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void OpeningPosition_IsRefusedAndNotJournalled_OnceTheInstrumentTraded()
    {
        var journal = new MemoryStream();
        var h = new EngineHarness(journal: journal);
        var buy = h.Place(Buy(99, 1));
        h.Engine.OnReport(ExecutionReport.Fill(buy, 1, Px(99), Qty(1)));
        Assert.That(h.Engine.TryOpenPosition(Btc, Qty(2), Px(100)), Is.False);
        h.Engine.FlushJournal();
        journal.Position = 0;
        using var reader = new JournalReader(journal);
        while (reader.TryRead(out var entry) == JournalReadStatus.Record)
        {
            Assert.That(entry.Type, Is.Not.EqualTo(JournalRecordType.OpeningPosition));
        }
    }
}
