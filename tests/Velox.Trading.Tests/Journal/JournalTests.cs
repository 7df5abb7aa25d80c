using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using static Velox.Trading.Tests.Fixtures;

namespace Velox.Trading.Tests.Journal;

public class JournalTests
{
    private sealed class FixedWall(long nanos) : IWallClock
    {
        public long EpochNanos() => nanos;
    }

    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "velox-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string WriteSample(int repeat = 1)
    {
        var path = Path.Combine(_directory, "trading.journal");
        var clock = new ReplayClock(5_000);
        using var writer = JournalWriter.Create(path, 4, clock, new FixedWall(1_717_200_000_000_000_000));
        for (var i = 0; i < repeat; i++)
        {
            Append(writer, w => w.TryAppendNewOrder(77, Buy(100.5m, 2)));
            Append(writer, w => w.TryAppendRiskReject(Sell(90, 1), RiskRejectReason.PriceBand));
            Append(writer, w => w.TryAppendCommand(JournalRecordType.Amend, 77, CommandStatus.Accepted, Px(101), Qty(3)));
            Append(writer, w => w.TryAppendReport(ExecutionReport.Fill(77, 9, Px(100.5m), Qty(1), -12, Liquidity.Maker), Btc, ReportOutcome.Applied));
            Append(writer, w => w.TryAppendReport(ExecutionReport.Reject(78, 401), Eth, ReportOutcome.Applied));
            Append(writer, w => w.TryAppendCancelAll(InstrumentId.None, 3));
            clock.Advance(10);
        }

        return path;
    }

    private static void Append(JournalWriter writer, Func<JournalWriter, bool> append)
    {
        if (!append(writer))
        {
            writer.Flush();
            Assert.That(append(writer), Is.True);
        }
    }

    [Test]
    public void RoundTrip_EveryFieldComesBack()
    {
        var path = WriteSample();
        Assert.That(new FileInfo(path).Length, Is.EqualTo(JournalLayout.HeaderLength + (6 * JournalLayout.RecordLength)));
        using var reader = JournalReader.Open(path);
        Assert.That(reader.HeaderStatus, Is.EqualTo(JournalReadStatus.Record));
        Assert.That(reader.CreatedEpochNanos, Is.EqualTo(1_717_200_000_000_000_000));

        Assert.That(reader.TryRead(out var order), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(order.Type, Is.EqualTo(JournalRecordType.NewOrder));
        Assert.That(order.Sequence, Is.EqualTo(1));
        Assert.That(order.MonotonicNanos, Is.EqualTo(5_000));
        Assert.That(order.WallNanos, Is.EqualTo(1_717_200_000_000_000_000));
        Assert.That(order.ClientOrderId, Is.EqualTo(77));
        Assert.That(order.Side, Is.EqualTo(Side.Bid));
        Assert.That(order.OrderType, Is.EqualTo(OrderType.Limit));
        Assert.That(order.Price, Is.EqualTo(Px(100.5m)));
        Assert.That(order.Quantity, Is.EqualTo(Qty(2)));

        Assert.That(reader.TryRead(out var riskReject), Is.EqualTo(JournalReadStatus.Record));
        Assert.That((RiskRejectReason)riskReject.Code, Is.EqualTo(RiskRejectReason.PriceBand));
        Assert.That(riskReject.Side, Is.EqualTo(Side.Ask));

        Assert.That(reader.TryRead(out var amend), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(amend.Type, Is.EqualTo(JournalRecordType.Amend));
        Assert.That(amend.Quantity, Is.EqualTo(Qty(3)));

        Assert.That(reader.TryRead(out var fill), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(fill.ExecType, Is.EqualTo(ExecType.Fill));
        Assert.That(fill.FillId, Is.EqualTo(9));
        Assert.That(fill.Fee, Is.EqualTo(-12));
        Assert.That(fill.Liquidity, Is.EqualTo(Liquidity.Maker));

        Assert.That(reader.TryRead(out var reject), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(reject.Code, Is.EqualTo(401));
        Assert.That(reject.Instrument, Is.EqualTo(Eth));

        Assert.That(reader.TryRead(out var cancelAll), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(cancelAll.Instrument.IsNone, Is.True);
        Assert.That(cancelAll.Sequence, Is.EqualTo(6));

        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.End));
        Assert.That(reader.Error, Is.Null);
    }

    [Test]
    public void FullBuffer_RefusesUntilFlushed()
    {
        using var stream = new MemoryStream();
        using var writer = new JournalWriter(stream, 2, new ReplayClock(), new FixedWall(0));
        Assert.That(writer.TryAppendCancelAll(Btc, 0), Is.True);
        Assert.That(writer.TryAppendCancelAll(Btc, 0), Is.True);
        Assert.That(writer.TryAppendCancelAll(Btc, 0), Is.False);
        Assert.That(stream.Length, Is.EqualTo(JournalLayout.HeaderLength), "nothing written before a flush");
        writer.Flush();
        Assert.That(stream.Length, Is.EqualTo(JournalLayout.HeaderLength + (2 * JournalLayout.RecordLength)));
        Assert.That(writer.TryAppendCancelAll(Btc, 0), Is.True);
        Assert.That(writer.Appended, Is.EqualTo(3));
    }

    [TestCase(1)]
    [TestCase(50)]
    [TestCase(95)]
    public void TornTail_StopsAfterTheLastWholeRecord(int bytesOfLastRecord)
    {
        var path = WriteSample();
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(JournalLayout.HeaderLength + (5 * JournalLayout.RecordLength) + bytesOfLastRecord);
        }

        using var reader = JournalReader.Open(path);
        var records = 0;
        JournalReadStatus status;
        while ((status = reader.TryRead(out _)) == JournalReadStatus.Record)
        {
            records++;
        }

        Assert.That(status, Is.EqualTo(JournalReadStatus.TornRecord));
        Assert.That(records, Is.EqualTo(5));
        Assert.That(reader.Error, Does.Contain("torn record #6").And.Contain($"{bytesOfLastRecord} of 96 bytes"));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.TornRecord), "stays stopped");
    }

    [TestCase(JournalLayout.PriceOffset, "CRC mismatch")]
    [TestCase(JournalLayout.RecordMagicOffset, "bad magic")]
    [TestCase(JournalLayout.CrcOffset, "CRC mismatch")]
    public void CorruptRecord_StopsThere(int offsetInRecord, string why)
    {
        var path = WriteSample();
        var bytes = File.ReadAllBytes(path);
        bytes[JournalLayout.HeaderLength + (2 * JournalLayout.RecordLength) + offsetInRecord] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        using var reader = JournalReader.Open(path);
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.CorruptRecord));
        Assert.That(reader.Error, Does.Contain("record #3").And.Contain(why));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.CorruptRecord));
    }

    [Test]
    public void MissingRecord_IsASequenceGap()
    {
        var path = WriteSample();
        var bytes = File.ReadAllBytes(path).ToList();
        bytes.RemoveRange(JournalLayout.HeaderLength + JournalLayout.RecordLength, JournalLayout.RecordLength);
        File.WriteAllBytes(path, [.. bytes]);
        using var reader = JournalReader.Open(path);
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.Record));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.CorruptRecord));
        Assert.That(reader.Error, Does.Contain("sequence 3, expected 2"));
    }

    [Test]
    public void BadHeader_IsReported()
    {
        var path = Path.Combine(_directory, "not-a-journal");
        File.WriteAllBytes(path, new byte[100]);
        using var reader = JournalReader.Open(path);
        Assert.That(reader.HeaderStatus, Is.EqualTo(JournalReadStatus.BadHeader));
        Assert.That(reader.TryRead(out _), Is.EqualTo(JournalReadStatus.BadHeader));
        Assert.That(reader.Error, Does.Contain("not a Velox journal"));
    }

    [Test]
    public void Dump_PrintsEveryRecord_AndExitCodesMeanSomething()
    {
        var path = WriteSample(repeat: 2);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.That(JournalDump.Run([path], output, error), Is.Zero);
        var text = output.ToString();
        Assert.That(text, Does.Contain("NewOrder").And.Contain("clid=77").And.Contain("reason=PriceBand").And.Contain("Fill clid=77 outcome=Applied"));
        Assert.That(text, Does.Contain("venue-code=401").And.Contain("inst=all orders=3").And.Contain("# 12 records"));
        Assert.That(text, Does.Contain("2024-06-01T00:00:00.0000000Z"));

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 10);
        }

        output = new StringWriter();
        Assert.That(JournalDump.Run([path], output, error), Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("# 11 records"));
        Assert.That(error.ToString(), Does.Contain("torn record #12"));

        Assert.That(JournalDump.Run([], output, error), Is.EqualTo(2));
        Assert.That(JournalDump.Run([Path.Combine(_directory, "missing")], output, error), Is.EqualTo(2));
    }
}
