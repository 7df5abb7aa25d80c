using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Host.Topology.Orders;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Host.Tests.Topology;

public class OrderIpcRecordTests
{
    [Test]
    public void New_order_command_round_trips_every_field()
    {
        var request = new OrderRequest(new InstrumentId(2), Side.Ask, OrderType.PostOnly, TimeInForce.GoodTillCancel, new Price(6_001_230), new Quantity(12_345), OrderFlags.ReduceOnly);
        var command = OrderCommand.New(1_099_511_627_777, request, tickReceiveNanos: 123_456_789, sentNanos: 123_999_999);
        Span<byte> buffer = stackalloc byte[OrderCommand.Length];

        command.Write(buffer);

        Assert.That(OrderCommand.TryRead(buffer, out var read), Is.True);
        Assert.That(read, Is.EqualTo(command));
        Assert.That(read.Request, Is.EqualTo(request));
        Assert.That(read.TickReceiveNanos, Is.EqualTo(123_456_789));
    }

    [TestCase(OrderCommandType.Cancel)]
    [TestCase(OrderCommandType.Amend)]
    [TestCase(OrderCommandType.CancelAll)]
    public void Cancel_amend_and_cancel_all_round_trip(OrderCommandType type)
    {
        var command = new OrderCommand(type, type == OrderCommandType.CancelAll ? 0 : 77, InstrumentId.None, Price: new Price(5), Quantity: new Quantity(9), SentNanos: 42);
        var buffer = new byte[OrderCommand.Length + 8];

        command.Write(buffer);

        Assert.That(OrderCommand.TryRead(buffer, out var read), Is.True);
        Assert.That(read, Is.EqualTo(command));
    }

    [Test]
    public void Command_decoding_refuses_short_records_and_unknown_enums()
    {
        var buffer = new byte[OrderCommand.Length];
        new OrderCommand(OrderCommandType.Cancel, 1, new InstrumentId(0)).Write(buffer);

        Assert.That(OrderCommand.TryRead(buffer.AsSpan(0, OrderCommand.Length - 1), out _), Is.False, "short");
        foreach (var (offset, value) in new[] { (OrderCommand.TypeOffset, 0), (OrderCommand.TypeOffset, 5), (OrderCommand.SideOffset, 2), (OrderCommand.OrderTypeOffset, 3), (OrderCommand.TimeInForceOffset, 3), (OrderCommand.FlagsOffset, 2) })
        {
            var bad = (byte[])buffer.Clone();
            bad[offset] = (byte)value;
            Assert.That(OrderCommand.TryRead(bad, out _), Is.False, $"byte {offset} = {value}");
        }
    }

    [Test]
    public void Execution_reports_of_every_type_round_trip()
    {
        var reports = new[]
        {
            ExecutionReport.Ack(11, 900_001),
            ExecutionReport.Reject(12, 100),
            ExecutionReport.Fill(13, 55_555, new Price(6_000_000), new Quantity(250), fee: -12, Liquidity.Maker),
            ExecutionReport.Fill(13, 55_556, new Price(6_000_010), new Quantity(1), fee: 34, Liquidity.Taker),
            ExecutionReport.CancelAck(14),
            ExecutionReport.CancelReject(15, 102),
            ExecutionReport.ReplaceAck(16, new Price(7), new Quantity(8)),
            ExecutionReport.ReplaceReject(17, 3),
            ExecutionReport.Expire(18),
        };
        Span<byte> buffer = stackalloc byte[ExecutionReportRecord.Length];
        foreach (var report in reports)
        {
            ExecutionReportRecord.Write(buffer, report, publishNanos: 777);

            Assert.That(ExecutionReportRecord.TryRead(buffer, out var read, out var published), Is.True, report.ToString());
            Assert.That(read, Is.EqualTo(report));
            Assert.That(published, Is.EqualTo(777));
        }
    }

    [Test]
    public void Report_decoding_refuses_short_records_other_kinds_and_unknown_enums()
    {
        var buffer = new byte[ExecutionReportRecord.Length];
        ExecutionReportRecord.Write(buffer, ExecutionReport.Ack(1, 2), 3);

        Assert.That(ExecutionReportRecord.TryRead(buffer.AsSpan(0, ExecutionReportRecord.Length - 1), out _, out _), Is.False, "short");
        foreach (var (offset, value) in new[] { (ExecutionReportRecord.KindOffset, (int)OgMessageKind.GatewayState), (ExecutionReportRecord.TypeOffset, 8), (ExecutionReportRecord.LiquidityOffset, 3) })
        {
            var bad = (byte[])buffer.Clone();
            bad[offset] = (byte)value;
            Assert.That(ExecutionReportRecord.TryRead(bad, out _, out _), Is.False, $"byte {offset} = {value}");
        }

        Assert.That(GatewayStateRecord.TryRead(buffer, out _), Is.False, "a report is not a gateway state");
    }

    [Test]
    public void Gateway_state_round_trips_and_is_not_a_report()
    {
        Span<byte> buffer = stackalloc byte[GatewayStateRecord.Length];
        var state = new GatewayStateRecord(Ready: true, State: 4, PublishNanos: 99);

        state.Write(buffer);

        Assert.That(GatewayStateRecord.TryRead(buffer, out var read), Is.True);
        Assert.That(read, Is.EqualTo(state));
        Assert.That(ExecutionReportRecord.TryRead(buffer, out _, out _), Is.False);
    }

    [Test]
    public void Status_records_round_trip()
    {
        var og = new OgStatusRecord(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3, 1);
        var engine = new EngineTradingStatus(1, 2, 3, 4, 5, 6, 7, 8, 9, EngineTradingStatus.ToRaw(-0.05m), EngineTradingStatus.ToRaw(-103.46m), 191, 2131, 1, true, false);
        var buffer = new byte[Math.Max(OgStatusRecord.Length, EngineTradingStatus.Length)];

        og.Write(buffer);
        Assert.That(OgStatusRecord.Read(buffer), Is.EqualTo(og));
        engine.Write(buffer);
        var read = EngineTradingStatus.Read(buffer);
        Assert.That(read, Is.EqualTo(engine));
        Assert.That(read.Position, Is.EqualTo(-0.05m));
        Assert.That(read.RealizedPnl, Is.EqualTo(-103.46m));
    }

    [Test]
    public void Encoding_and_decoding_allocate_nothing()
    {
        var command = OrderCommand.New(5, OrderRequest.Limit(new InstrumentId(0), Side.Bid, new Price(100), new Quantity(1)), 1, 2);
        var report = ExecutionReport.Fill(5, 6, new Price(100), new Quantity(1), 3, Liquidity.Maker);
        var buffer = new byte[ExecutionReportRecord.Length];
        var sum = 0L;
        for (var i = 0; i < 1000; i++)
        {
            sum += RoundTrip(buffer, command, report);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            sum += RoundTrip(buffer, command, report);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.EqualTo(101_000L * 11));
    }

    private static long RoundTrip(byte[] buffer, in OrderCommand command, in ExecutionReport report)
    {
        command.Write(buffer);
        OrderCommand.TryRead(buffer, out var c);
        ExecutionReportRecord.Write(buffer, report, 1);
        ExecutionReportRecord.TryRead(buffer, out var r, out _);
        return c.ClientOrderId + r.FillId;
    }
}
