using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Trading;
using Velox.Venues.Bitfinex.Trading.Parsing;
using static Velox.Venues.Bitfinex.Tests.Trading.GatewayHarness;

namespace Velox.Venues.Bitfinex.Tests.Trading;

public sealed class GatewayTests
{
    private static long Cid(long clientOrderId) => BitfinexClientIds.ToCid(clientOrderId);

    private static string Active(long venueId, long coid, string amount = "0.5", string status = "ACTIVE") =>
        OrderArray(venueId, Cid(coid), "tBTCUSD", amount, "0.5", "EXCHANGE LIMIT", status, "7804.6");

    [Test]
    public void NewOrderIsSentThenAckedAndFilledFromTradesWithFees()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7804.6", "0.5");
        Assert.That(h.TakeSent(), Is.EqualTo(new[]
        {
            $"[0,\"on\",null,{{\"cid\":{Cid(coid)},\"type\":\"EXCHANGE LIMIT\",\"symbol\":\"tBTCUSD\",\"amount\":\"0.5\",\"price\":\"7804.6\"}}]",
        }));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.PendingNew));

        h.Feed(Notification("on-req", Active(5001, coid), "SUCCESS", "Submitting exchange limit buy order for 0.5 BTC."));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Order(coid).VenueOrderId, Is.EqualTo(5001));
        h.Feed($"[0,\"on\",{Active(5001, coid)}]");
        Assert.That(h.Gateway.LastOutcome, Is.EqualTo(ReportOutcome.Stale));

        // Trade 1: te first (no fee yet, maker), then tu with a fee in BTC (base): booked late → FeesNotBooked.
        h.Feed(Trade("te", 9001, "tBTCUSD", 5001, "0.2", "7804.6", 1, "null", "null", Cid(coid)));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.PartiallyFilled));
        Assert.That(h.Gateway.LastReport.Liquidity, Is.EqualTo(Liquidity.Maker));
        h.Feed(Trade("tu", 9001, "tBTCUSD", 5001, "0.2", "7804.6", 1, "-0.0004", "\"BTC\"", Cid(coid)));
        Assert.That(h.Gateway.LastOutcome, Is.EqualTo(ReportOutcome.DuplicateFill));
        Assert.That(h.Gateway.FeesNotBooked, Is.EqualTo(312_184_000), "0.0004 BTC × 7804.6 = 3.12184 USD");

        // Trade 2: tu first with a USD fee (booked), te afterwards is the duplicate.
        h.Feed(Trade("tu", 9002, "tBTCUSD", 5001, "0.3", "7804.5", -1, "-1.5", "\"USD\"", Cid(coid)));
        Assert.That(h.Gateway.LastReport.Fee, Is.EqualTo(150_000_000));
        Assert.That(h.Gateway.LastReport.Liquidity, Is.EqualTo(Liquidity.Taker));
        h.Feed(Trade("te", 9002, "tBTCUSD", 5001, "0.3", "7804.5", -1, "null", "null", Cid(coid)));
        Assert.That(h.Gateway.LastOutcome, Is.EqualTo(ReportOutcome.DuplicateFill));

        h.Feed($"[0,\"oc\",{Active(5001, coid, "0", "EXECUTED @ 7804.54(0.5)")}]");
        var order = h.Order(coid);
        Assert.That(order.State, Is.EqualTo(OrderState.Filled));
        Assert.That(order.Filled.Raw, Is.EqualTo(50_000_000));
        Assert.That(order.Fees, Is.EqualTo(150_000_000));
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(50_000_000));
    }

    [Test]
    public void CancelGoesByVenueIdOrByCidAndDateBeforeTheAck()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var acked = h.Place(Side.Ask, "7900", "0.5");
        var pending = h.Place(Side.Ask, "7901", "0.5");
        h.TakeSent();
        h.Feed(Notification("on-req", Active(6001, acked, "-0.5"), "SUCCESS", "ok"));

        Assert.That(h.Gateway.TryCancel(acked), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.Gateway.TryCancel(pending), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.TakeSent(), Is.EqualTo(new[]
        {
            "[0,\"oc\",null,{\"id\":6001}]",
            $"[0,\"oc\",null,{{\"cid\":{Cid(pending)},\"cid_date\":\"2019-12-02\"}}]",
        }));

        h.Feed(Notification("oc-req", Active(6001, acked, "-0.5"), "SUCCESS", "Submitted for cancellation."));
        Assert.That(h.Order(acked).State, Is.EqualTo(OrderState.PendingCancel), "the oc stream confirms, not the request notification");
        h.Feed($"[0,\"oc\",{Active(6001, acked, "-0.5", "CANCELED")}]");
        Assert.That(h.Order(acked).State, Is.EqualTo(OrderState.Cancelled));

        h.Feed(Notification("oc-req", OrderArray(0, Cid(pending), "tBTCUSD", "-0.5", "-0.5", "EXCHANGE LIMIT", "ACTIVE", "7901"), "ERROR", "Order not found."));
        Assert.That(h.Gateway.LastReport.Type, Is.EqualTo(ExecType.CancelReject));
        Assert.That(h.Order(pending).RejectCode, Is.EqualTo((ushort)BitfinexRejectCode.OrderNotFound));
    }

    [Test]
    public void AmendSendsPriceAndSizeDeltaAndMapsTheAnswer()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Ask, "7900", "1");
        h.TakeSent();
        h.Feed(Notification("on-req", Active(7001, coid, "-1"), "SUCCESS", "ok"));
        h.Feed(Trade("te", 9101, "tBTCUSD", 7001, "-0.25", "7900", 1, "null", "null", Cid(coid)));

        Assert.That(h.Gateway.TryAmend(coid, new Price(79_050_000), new Quantity(80_000_000)), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.TakeSent().Single(), Is.EqualTo("[0,\"ou\",null,{\"id\":7001,\"price\":\"7905\",\"delta\":\"0.2\"}]"), "the sell shrinks from 1 to 0.8");
        h.Feed(Notification("ou-req", OrderArray(7001, Cid(coid), "tBTCUSD", "-0.55", "-0.8", "EXCHANGE LIMIT", "ACTIVE", "7905"), "SUCCESS", "Submitting update to exchange limit sell order for 0.55 BTC."));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Replaced));
        Assert.That(h.Order(coid).Price.Raw, Is.EqualTo(79_050_000));
        Assert.That(h.Order(coid).Quantity.Raw, Is.EqualTo(80_000_000));

        h.Gateway.TryAmend(coid, new Price(79_060_000), new Quantity(80_000_000));
        h.Feed(Notification("ou-req", Active(7001, coid, "-0.55"), "ERROR", "Invalid price."));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Replaced));
        Assert.That(h.Order(coid).RejectCode, Is.EqualTo((ushort)BitfinexRejectCode.InvalidPrice));
    }

    [Test]
    public void AmendAckTakesTheVenuesSize_WhenAFillRacedTheAmend()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Ask, "7900", "1");
        h.Feed(Notification("on-req", Active(7001, coid, "-1"), "SUCCESS", "ok"));
        h.Feed(Trade("te", 9101, "tBTCUSD", 7001, "-0.25", "7900", 1, "null", "null", Cid(coid)));
        Assert.That(h.Gateway.TryAmend(coid, new Price(79_050_000), new Quantity(80_000_000)), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.TakeSent().Last(), Does.Contain("\"delta\":\"0.2\""));

        // 0.05 more traded at the old price before the venue applied the amend: 0.7 working, less 0.2 → 0.5, size 0.8.
        h.Feed(Trade("te", 9102, "tBTCUSD", 7001, "-0.05", "7900", 1, "null", "null", Cid(coid)));
        h.Feed(Notification("ou-req", OrderArray(7001, Cid(coid), "tBTCUSD", "-0.5", "-0.8", "EXCHANGE LIMIT", "ACTIVE", "7905"), "SUCCESS", "ok"));
        var order = h.Order(coid);
        Assert.That((order.State, order.Price.Raw, order.Filled.Raw, order.Quantity.Raw), Is.EqualTo((OrderState.Replaced, 79_050_000L, 30_000_000L, 80_000_000L)));
        Assert.That(order.Leaves.Raw, Is.EqualTo(50_000_000), "what works at the venue");
    }

    [Test]
    public void AmendAckBeforeTheRacingFillsReportKeepsTheVenuesSize()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Ask, "7900", "1");
        h.Feed(Notification("on-req", Active(7001, coid, "-1"), "SUCCESS", "ok"));
        Assert.That(h.Gateway.TryAmend(coid, new Price(79_050_000), new Quantity(100_000_000)), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(h.TakeSent().Last(), Is.EqualTo("[0,\"ou\",null,{\"id\":7001,\"price\":\"7905\"}]"), "a price-only amend carries no size");

        // 0.4 traded at the old price before the amend, but its report comes after the amend's ack (as with fills from tu).
        h.Feed(Notification("ou-req", OrderArray(7001, Cid(coid), "tBTCUSD", "-0.6", "-1", "EXCHANGE LIMIT", "ACTIVE", "7905"), "SUCCESS", "ok"));
        h.Feed(Trade("te", 9102, "tBTCUSD", 7001, "-0.4", "7900", 1, "null", "null", Cid(coid)));
        h.Feed(Trade("te", 9103, "tBTCUSD", 7001, "-0.6", "7905", 1, "null", "null", Cid(coid)));
        var order = h.Order(coid);
        Assert.That((order.State, order.Filled.Raw, order.Quantity.Raw), Is.EqualTo((OrderState.Filled, 100_000_000L, 100_000_000L)), "the whole size filled, no overfill");
    }

    [TestCase("POSTONLY CANCELED", OrderState.Expired)]
    [TestCase("IOC CANCELED", OrderState.Expired)]
    [TestCase("FOK CANCELED", OrderState.Expired)]
    [TestCase("CANCELED", OrderState.Cancelled)]
    [TestCase("INSUFFICIENT BALANCE (U1)", OrderState.Cancelled)]
    [TestCase("RSN_DUST", OrderState.Cancelled)]
    [TestCase("EXECUTED @ 7804.6(0.5)", OrderState.New)]
    public void ClosedOrdersMapByStatus(string status, OrderState expected)
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7804.6", "0.5");
        h.Feed($"[0,\"on\",{Active(8001, coid)}]");
        h.Feed($"[0,\"oc\",{Active(8001, coid, "0.5", status)}]");
        Assert.That(h.Order(coid).State, Is.EqualTo(expected), "EXECUTED waits for the trades");
    }

    [TestCase("Invalid order: not enough exchange balance for 0.5 tBTCUSD at 7804.6", BitfinexRejectCode.InsufficientBalance)]
    [TestCase("Invalid order: minimum size for BTC/USD is 0.0002", BitfinexRejectCode.MinimumSize)]
    [TestCase("ratelimit: error", BitfinexRejectCode.RateLimited)]
    public void NewOrderErrorsRejectWithAReasonCode(string text, BitfinexRejectCode code)
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7804.6", "0.5");
        h.Feed(Notification("on-req", OrderArray(0, Cid(coid), "tBTCUSD", "0.5", "0.5", "EXCHANGE LIMIT", "", "7804.6"), "ERROR", text));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(coid).RejectCode, Is.EqualTo((ushort)code));
    }

    [Test]
    public void ACidFromAnotherDayWithADifferentVenueIdIsNotOurs()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7000", "0.5");
        h.Feed(Notification("on-req", Active(111, coid), "SUCCESS", "ok"));
        h.Feed(Trade("te", 5, "tBTCUSD", 222, "0.5", "7000", 1, "null", "null", Cid(coid)));
        Assert.That(h.Order(coid).Filled.Raw, Is.Zero);
        Assert.That(h.Gateway.Unmatched, Is.EqualTo(1));
    }

    [Test]
    public void MarketFillOrKillIsRefusedLocally()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "0", "0.5", type: OrderType.Market, tif: TimeInForce.FillOrKill);
        Assert.That(h.TakeSent(), Is.Empty);
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(coid).RejectCode, Is.EqualTo((ushort)BitfinexRejectCode.UnsupportedOrder));
    }

    [Test]
    public void DuplicateAndOutOfOrderTradeStormFillsExactlyOnce()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7804.6", "5");
        h.Feed(Notification("on-req", Active(9999, coid, "5"), "SUCCESS", "ok"));
        var frames = new List<string>();
        for (var t = 0; t < 50; t++)
        {
            var fee = "-0.01";
            frames.Add(Trade("te", 20_000 + t, "tBTCUSD", 9999, "0.1", "7804.6", 1, "null", "null", Cid(coid)));
            frames.Add(Trade("tu", 20_000 + t, "tBTCUSD", 9999, "0.1", "7804.6", 1, fee, "\"USD\"", Cid(coid)));
        }

        var random = new Random(5);
        var storm = frames.Concat(frames).Concat(frames).OrderBy(_ => random.Next()).ToList();
        foreach (var frame in storm)
        {
            h.Feed(frame);
        }

        var order = h.Order(coid);
        Assert.That(order.State, Is.EqualTo(OrderState.Filled));
        Assert.That(order.Filled.Raw, Is.EqualTo(500_000_000));
        Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(storm.Count - 50));
        Assert.That(h.Engine.Orders.Count(ReportOutcome.Overfill), Is.Zero);
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(500_000_000));
        Assert.That(order.Fees + h.Gateway.FeesNotBooked, Is.EqualTo(50 * 1_000_000), "every fee counted once, booked or not");
    }

    [Test]
    public void FillsFromTradeUpdateOnlyBookEveryFee()
    {
        var h = new GatewayHarness(options: new BitfinexGatewayOptions { FillsFromTradeUpdateOnly = true });
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7804.6", "0.2");
        h.Feed(Notification("on-req", Active(4242, coid, "0.2"), "SUCCESS", "ok"));
        h.Feed(Trade("te", 777, "tBTCUSD", 4242, "0.2", "7804.6", -1, "null", "null", Cid(coid)));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.New));
        h.Feed(Trade("tu", 777, "tBTCUSD", 4242, "0.2", "7804.6", -1, "-3.12184", "\"USD\"", Cid(coid)));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Filled));
        Assert.That(h.Order(coid).Fees, Is.EqualTo(312_184_000));
        Assert.That(h.Gateway.FeesNotBooked, Is.Zero);
    }

    [Test]
    public void SnapshotFlagsUnknownOrdersAndReconcilesOursAfterAReconnect()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var live = h.Place(Side.Bid, "7000", "0.5");
        var acked = h.Place(Side.Bid, "7001", "0.5");
        var lost = h.Place(Side.Bid, "7002", "0.5");
        h.Feed(Notification("on-req", Active(1, live), "SUCCESS", "ok"));
        h.Feed(Notification("on-req", Active(2, acked), "SUCCESS", "ok"));

        // Reconnect: the venue still has `live` and an order placed elsewhere (the documentation's sample).
        h.Session.OnDisconnected();
        h.Session.OnConnected();
        h.Feed(DocFrames.AuthOk);
        Assert.That(h.Gateway.State, Is.EqualTo(BitfinexGatewayState.Reconciling));
        h.Feed(DocFrames.OrderSnapshot.Replace("]]]", $"],{Active(1, live)}]]", StringComparison.Ordinal));
        Assert.That(h.Gateway.State, Is.EqualTo(BitfinexGatewayState.Ready));
        Assert.That(h.Gateway.UnknownOrders, Is.EqualTo(1));
        Assert.That(h.Gateway.UnknownOrderIds.Length, Is.EqualTo(1));
        Assert.That(h.Gateway.UnknownOrderIds[0], Is.EqualTo(34930659963L));
        Assert.That(h.Order(live).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Order(acked).State, Is.EqualTo(OrderState.Cancelled), "gone while away (dead-man switch)");
        Assert.That(h.Order(lost).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Order(lost).RejectCode, Is.EqualTo((ushort)BitfinexRejectCode.LostOnReconnect));
        Assert.That(h.Gateway.UnverifiedCloses, Is.EqualTo(2), "without a REST base the venue is not asked how they ended");
        Assert.That(h.Gateway.ReconciliationSummary(), Does.EndWith("0 over REST (0 fills booked), 0 failed, 2 orders closed unverified"));
    }

    [Test]
    public void KillSwitchSendsOneCancelAll()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        var coid = h.Place(Side.Bid, "7000", "0.5");
        h.Feed(Notification("on-req", Active(31, coid), "SUCCESS", "ok"));
        h.TakeSent();

        h.Engine.KillSwitch.Engage();
        Assert.That(h.Gateway.DoWork(), Is.EqualTo(1));
        Assert.That(h.Gateway.DoWork(), Is.Zero);
        Assert.That(h.TakeSent().Single(), Is.EqualTo("[0,\"oc_multi\",null,{\"all\":1}]"));
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.PendingCancel));
        h.Feed($"[0,\"oc\",{Active(31, coid, "0.5", "CANCELED")}]");
        Assert.That(h.Order(coid).State, Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void WalletsComeFromSnapshotAndUpdates()
    {
        var h = new GatewayHarness();
        h.MakeReady();
        h.Feed(DocFrames.WalletSnapshot);
        h.Feed(DocFrames.WalletUpdate);
        h.Feed("""[0,"wu",["exchange","SAN",20.5,0,18.25,null,null]]""");
        Assert.That(h.Gateway.Wallets.TryGet("exchange", "BTC", out var btc, out var available), Is.True);
        Assert.That((btc, available), Is.EqualTo((161_169_184L, BitfinexWallets.Unknown)));
        Assert.That(h.Gateway.Wallets.TryGet("exchange", "SAN", out var san, out available), Is.True);
        Assert.That((san, available), Is.EqualTo((2_050_000_000L, 1_825_000_000L)));
        Assert.That(h.Gateway.Wallets.Count, Is.EqualTo(2));
    }

    [Test]
    public void AccountFramesUnderSeqAllKeepThePublicSequenceAndCountAccountGaps()
    {
        var h = new GatewayHarness(conf: BitfinexConfFlags.SeqAll);
        h.Session.OnConnected();
        h.Feed("""{"event":"conf","status":"OK","flags":65536}""");
        h.Feed(DocFrames.AuthOk);
        h.Feed("""[0,"os",[],1,1]""");
        h.Feed("""[0,"hb",2,2]""");
        h.Feed("""[0,"ws",[],3,4]""");
        Assert.That(h.Session.Stats.SequenceGaps, Is.Zero);
        Assert.That(h.Gateway.AuthSequenceGaps, Is.EqualTo(1));
        Assert.That(h.Gateway.Heartbeats, Is.EqualTo(1));
        h.Feed("""[0,"ws",[],5,5]""");
        Assert.That(h.Session.Stats.SequenceGaps, Is.EqualTo(1));
    }

    [Test]
    public void UnnumberedAccountHeartbeatUnderSeqAllIsNeitherAnErrorNorAGap()
    {
        // docs.bitfinex.com: under SEQ_ALL every channel 0 message except heartbeats ends with SEQ, AUTH_SEQ.
        var h = new GatewayHarness(conf: BitfinexConfFlags.SeqAll);
        h.Session.OnConnected();
        h.Feed("""{"event":"conf","status":"OK","flags":65536}""");
        h.Feed(DocFrames.AuthOk);
        h.Feed("""[0,"os",[],1,1]""");
        h.Feed("""[0,"hb"]""");
        h.Feed("""[0,"ws",[],2,2]""");
        Assert.That(h.Session.Stats.Errors, Is.Zero);
        Assert.That(h.Session.Stats.SequenceGaps, Is.Zero);
        Assert.That(h.Gateway.AuthSequenceGaps, Is.Zero);
        Assert.That(h.Gateway.Heartbeats, Is.EqualTo(1));
    }

    [Test]
    public void ParsingEveryReportKindAllocatesNothing()
    {
        const int PerPass = 2_000;
        var h = new GatewayHarness(maxOrders: 64);
        h.MakeReady();
        var session = h.Ids.Session;
        byte[][] Frames(int pass)
        {
            var frames = new List<byte[]>();
            for (var i = 0; i < PerPass; i++)
            {
                // Two orders per iteration; the counter is predictable: 2i+1 (filled, amended, cancelled) and 2i+2 (rejected).
                var a = (session << ClientOrderIdSource.CounterBits) | (((pass * PerPass) + i) * 2L + 1);
                var b = a + 1;
                var venue = 1_000_000 + (pass * PerPass) + i;
                string[] texts =
                [
                    Notification("on-req", Active(venue, a, "1"), "SUCCESS", "Submitting exchange limit buy order for 1 BTC."),
                    $"[0,\"on\",{Active(venue, a, "1")}]",
                    Trade("te", venue, "tBTCUSD", venue, "0.25", "7804.6", 1, "null", "null", Cid(a)),
                    Trade("tu", venue, "tBTCUSD", venue, "0.25", "7804.6", 1, "-0.1", "\"USD\"", Cid(a)),
                    Notification("ou-req", Active(venue, a, "0.75"), "SUCCESS", "Submitting update."),
                    Notification("oc-req", Active(venue, a, "0.75"), "ERROR", "Order not found."),
                    $"[0,\"oc\",{Active(venue, a, "0.75", "CANCELED was: PARTIALLY FILLED @ 7804.6(0.25)")}]",
                    Notification("on-req", OrderArray(0, Cid(b), "tBTCUSD", "1", "1", "EXCHANGE LIMIT", "", "7804.6"), "ERROR", "Invalid order: not enough exchange balance"),
                    """[0,"wu",["exchange","BTC",1.61169184,0,null,"Exchange 0.01 BTC for USD @ 7804.6",null]]""",
                    """[0,"hb"]""",
                ];
                frames.AddRange(texts.Select(System.Text.Encoding.UTF8.GetBytes));
            }

            return frames.ToArray();
        }

        var passes = new[] { Frames(0), Frames(1) };
        var price = new Price(78_046_000);
        var quantity = new Quantity(100_000_000);
        var request = OrderRequest.Limit(h.Btc.Id, Side.Bid, price, quantity);
        long allocated = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var frames = passes[pass];
            var before = GC.GetAllocatedBytesForCurrentThread();
            var f = 0;
            for (var i = 0; i < PerPass; i++)
            {
                h.Gateway.TrySubmit(request, h.Market, out _, out var a);
                h.Gateway.TrySubmit(request, h.Market, out _, out _);
                for (var k = 0; k < 4; k++)
                {
                    h.Session.ProcessFrame(frames[f++], 0);
                }

                h.Gateway.TryAmend(a, price, new Quantity(75_000_000));
                h.Session.ProcessFrame(frames[f++], 0);
                h.Gateway.TryCancel(a);
                h.Session.ProcessFrame(frames[f++], 0);
                h.Gateway.TryCancel(a);
                for (var k = 0; k < 4; k++)
                {
                    h.Session.ProcessFrame(frames[f++], 0);
                }

                while (h.Session.Outbound.TryPeek(out _))
                {
                    h.Session.Outbound.Advance();
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.That(allocated, Is.Zero);
        Assert.That(h.Gateway.MalformedFrames, Is.Zero);
        Assert.That(h.Gateway.Unmatched, Is.Zero);
        Assert.That(h.Gateway.Reports(ExecType.Ack), Is.EqualTo(2 * 2 * PerPass));
        Assert.That(h.Gateway.Reports(ExecType.Fill), Is.EqualTo(2 * 2 * PerPass));
        Assert.That(h.Gateway.Reports(ExecType.ReplaceAck), Is.EqualTo(2 * PerPass));
        Assert.That(h.Gateway.Reports(ExecType.CancelReject), Is.EqualTo(2 * PerPass));
        Assert.That(h.Gateway.Reports(ExecType.CancelAck), Is.EqualTo(2 * PerPass));
        Assert.That(h.Gateway.Reports(ExecType.Reject), Is.EqualTo(2 * PerPass));
        Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(2 * PerPass));
        Assert.That(h.Engine.Orders.OpenOrders, Is.Zero);
    }
}
