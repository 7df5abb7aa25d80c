using System.Text;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Venues.Bitfinex.Tests.Trading;

public sealed class EncoderTests
{
    private const long Cid = 1575287436979;

    private static string New(OrderType type, TimeInForce tif, OrderFlags flags, Side side, long price, long quantity)
    {
        var buffer = new byte[256];
        Assert.That(BitfinexOrderEncoder.TryWriteNew(buffer, Cid, "tBTCUSD"u8, type, tif, flags, side, new Price(price), 4, new Quantity(quantity), 8, out var n), Is.True);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    [TestCase(OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Bid, "{\"cid\":1575287436979,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"7804.6\"}")]
    [TestCase(OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Ask, "{\"cid\":1575287436979,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.5\",\"price\":\"7804.6\"}")]
    [TestCase(OrderType.Limit, TimeInForce.ImmediateOrCancel, OrderFlags.None, Side.Bid, "{\"cid\":1575287436979,\"type\":\"EXCHANGE IOC\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"7804.6\"}")]
    [TestCase(OrderType.Limit, TimeInForce.FillOrKill, OrderFlags.None, Side.Ask, "{\"cid\":1575287436979,\"type\":\"EXCHANGE FOK\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.5\",\"price\":\"7804.6\"}")]
    [TestCase(OrderType.Market, TimeInForce.ImmediateOrCancel, OrderFlags.None, Side.Bid, "{\"cid\":1575287436979,\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\"}")]
    [TestCase(OrderType.Market, TimeInForce.ImmediateOrCancel, OrderFlags.None, Side.Ask, "{\"cid\":1575287436979,\"type\":\"EXCHANGE MARKET\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.5\"}")]
    [TestCase(OrderType.PostOnly, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Bid, "{\"cid\":1575287436979,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"7804.6\",\"flags\":4096}")]
    [TestCase(OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.ReduceOnly, Side.Ask, "{\"cid\":1575287436979,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.5\",\"price\":\"7804.6\",\"flags\":1024}")]
    [TestCase(OrderType.PostOnly, TimeInForce.GoodTillCancel, OrderFlags.ReduceOnly, Side.Ask, "{\"cid\":1575287436979,\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"-0.5\",\"price\":\"7804.6\",\"flags\":5120}")]
    public void NewOrderFramesAreByteExact(OrderType type, TimeInForce tif, OrderFlags flags, Side side, string body)
    {
        Assert.That(New(type, tif, flags, side, 78_046_000, 50_000_000), Is.EqualTo($"[0,\"on\",null,{body}]"));
    }

    [Test]
    public void DecimalsAreExactFixedPointText()
    {
        Assert.That(New(OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Ask, 1, 7),
            Does.Contain("\"amount\":\"-0.00000007\",\"price\":\"0.0001\""));
        Assert.That(New(OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Bid, 1_234_567_890_000, 123_456_789_012),
            Does.Contain("\"amount\":\"1234.56789012\",\"price\":\"123456789\""));
    }

    [Test]
    public void MarketFillOrKillAndEmptyQuantityAreRefused()
    {
        var buffer = new byte[256];
        Assert.That(BitfinexOrderEncoder.TryWriteNew(buffer, Cid, "tBTCUSD"u8, OrderType.Market, TimeInForce.FillOrKill, OrderFlags.None, Side.Bid, default, 4, new Quantity(1), 8, out _), Is.False);
        Assert.That(BitfinexOrderEncoder.TryWriteNew(buffer, Cid, "tBTCUSD"u8, OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Bid, new Price(1), 4, default, 8, out _), Is.False);
        Assert.That(BitfinexOrderEncoder.TryWriteNew(new byte[40], Cid, "tBTCUSD"u8, OrderType.Limit, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Bid, new Price(1), 4, new Quantity(1), 8, out _), Is.False, "too small");
    }

    [Test]
    public void CancelAmendAndMultiFramesAreByteExact()
    {
        var buffer = new byte[256];
        string Text(int n) => Encoding.ASCII.GetString(buffer, 0, n);

        Assert.That(BitfinexOrderEncoder.TryWriteCancel(buffer, 1185815098, out var n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"oc\",null,{\"id\":1185815098}]"));
        Assert.That(BitfinexOrderEncoder.TryWriteCancelByCid(buffer, 12345, 20191202, out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"oc\",null,{\"cid\":12345,\"cid_date\":\"2019-12-02\"}]"));
        Assert.That(BitfinexOrderEncoder.TryWriteAmend(buffer, 1185815100, new Price(2_400_000), 4, -300_000_000, 8, out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"ou\",null,{\"id\":1185815100,\"price\":\"240\",\"delta\":\"-3\"}]"));
        Assert.That(BitfinexOrderEncoder.TryWriteAmend(buffer, 1185815100, new Price(2_400_000), 4, 0, 8, out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"ou\",null,{\"id\":1185815100,\"price\":\"240\"}]"), "a price-only amend carries no size");
        Assert.That(BitfinexOrderEncoder.TryWriteAmendByCid(buffer, 12345, 20200101, new Price(2_400_500), 4, 150_000_000, 8, out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"ou\",null,{\"cid\":12345,\"cid_date\":\"2020-01-01\",\"price\":\"240.05\",\"delta\":\"1.5\"}]"));
        Assert.That(BitfinexOrderEncoder.TryWriteCancelMulti(buffer, [1, 22, 333], out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"oc_multi\",null,{\"id\":[1,22,333]}]"));
        Assert.That(BitfinexOrderEncoder.TryWriteCancelAll(buffer, out n), Is.True);
        Assert.That(Text(n), Is.EqualTo("[0,\"oc_multi\",null,{\"all\":1}]"));
        Assert.That(BitfinexOrderEncoder.UtcDate(GatewayHarness.WallStart), Is.EqualTo(20191202));
        Assert.That(BitfinexOrderEncoder.UtcDate(0), Is.EqualTo(19700101));
    }

    [Test]
    public void CidIsTheLow45BitsAndMapsBackForTheLast32Sessions()
    {
        var ids = new ClientOrderIdSource(37);
        var id = ids.Next();
        var cid = BitfinexClientIds.ToCid(id);
        Assert.That(cid, Is.LessThanOrEqualTo(BitfinexClientIds.MaxCid));
        Assert.That(cid, Is.EqualTo((5L << 40) | 1));
        Assert.That(BitfinexClientIds.TryToClientOrderId(cid, 37, out var back), Is.True);
        Assert.That(back, Is.EqualTo(id));
        Assert.That(BitfinexClientIds.TryToClientOrderId(cid, 68, out back), Is.True, "31 sessions later");
        Assert.That(back, Is.EqualTo(id));
        Assert.That(BitfinexClientIds.TryToClientOrderId(cid, 69, out back), Is.True);
        Assert.That(back, Is.Not.EqualTo(id), "32 sessions later the cid means the newer session's order");
        Assert.That(BitfinexClientIds.TryToClientOrderId(0, 37, out _), Is.False);
        Assert.That(BitfinexClientIds.TryToClientOrderId(1L << 45, 37, out _), Is.False);
        Assert.That(BitfinexClientIds.TryToClientOrderId(5L << 40, 37, out _), Is.False, "counter 0 is never issued");
        Assert.That(BitfinexClientIds.TryToClientOrderId((6L << 40) | 1, 5, out _), Is.False, "would be session -26");
    }

    [Test]
    public void EncodingAllocatesNothing()
    {
        var buffer = new byte[512];
        var ids = new long[] { 11, 12, 13, 14 };
        var total = 0L;
        for (var pass = 0; pass < 2; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20_000; i++)
            {
                BitfinexOrderEncoder.TryWriteNew(buffer, Cid + i, "tBTCUSD"u8, OrderType.PostOnly, TimeInForce.GoodTillCancel, OrderFlags.None, Side.Ask, new Price(78_046_000 + i), 4, new Quantity(50_000_000 + i), 8, out var n);
                total += n;
                BitfinexOrderEncoder.TryWriteCancel(buffer, 1185815098 + i, out n);
                total += n;
                BitfinexOrderEncoder.TryWriteCancelByCid(buffer, Cid + i, 20191202, out n);
                total += n;
                BitfinexOrderEncoder.TryWriteAmend(buffer, 1185815098 + i, new Price(2_400_000 + i), 4, -300_000_000 - i, 8, out n);
                total += n;
                BitfinexOrderEncoder.TryWriteCancelMulti(buffer, ids, out n);
                total += n;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (pass == 1)
            {
                Assert.That(allocated, Is.Zero);
            }
        }

        Assert.That(total, Is.GreaterThan(0));
    }
}
