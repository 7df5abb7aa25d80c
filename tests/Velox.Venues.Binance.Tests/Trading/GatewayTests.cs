using System.Text.Json;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

public sealed class GatewayTests
{
    [Test]
    public void SubscribesOnAttachAndBecomesReadyOnTheAnswer()
    {
        var h = new Harness();
        var sent = h.MakeReady();
        Assert.That(sent, Has.Count.EqualTo(1));
        using var json = JsonDocument.Parse(sent[0]);
        Assert.That(json.RootElement.GetProperty("method").GetString(), Is.EqualTo("userDataStream.subscribe.signature"));
        Assert.That(json.RootElement.GetProperty("params").GetProperty("timestamp").GetInt64(), Is.EqualTo(1645423376532));
        Assert.That(h.Gateway.WeightCount, Is.EqualTo(2));
    }

    [Test]
    public void RefusedSubscriptionIsReportedWithoutSecretsAndOrdersAreNotSent()
    {
        var h = new Harness();
        h.Gateway.Attach(h.Transport, isLoopback: true);
        h.Transport.Take();
        h.Feed(DocMessages.Error("s1", 401, -2015, "Invalid API-key, IP, or permissions for action."));
        Assert.That(h.Gateway.State, Is.EqualTo(BinanceGatewayState.AuthFailed));
        Assert.That(h.Gateway.LastAuthError, Does.Contain("-2015").And.Contain("Invalid API-key"));
        var status = h.Gateway.TrySubmit(h.Request(Side.Bid, "50000", "0.01"), h.Market, out _, out var id);
        Assert.That(status, Is.EqualTo(SubmitStatus.Accepted));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.NotConnected));
        Assert.That(h.Transport.Sent, Is.Empty);
        foreach (var text in new[] { h.Gateway.LastAuthError, h.Credentials.ToString(), h.Gateway.ToString() })
        {
            Assert.That(text, Does.Not.Contain(Harness.Secret).And.Not.Contain(Harness.Key));
        }
    }

    [Test]
    public void PlaceAckPartialFillAndFullFill()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.002");
        var sent = h.Transport.Take();
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(sent[0], Does.StartWith("{\"id\":\"p" + id + "\",\"method\":\"order.place\""));
        Assert.That(sent[0], Does.Contain("\"price\":\"52000\",\"quantity\":\"0.002\""));
        Assert.That(sent[0], Does.Not.Contain(Harness.Secret));

        h.Feed(DocMessages.PlaceAck(id, 12569099453));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Order(id).VenueOrderId, Is.EqualTo(12569099453));
        Assert.That((h.Gateway.OrdersCount, h.Gateway.OrdersLimit), Is.EqualTo((12, 50)));

        // NEW after the ack: nothing new.
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "NEW", "NEW", 12569099453));
        Assert.That(h.Gateway.Reports(ExecType.Ack), Is.EqualTo(1));

        // Quote-asset fee as is (0.052 USDT), maker.
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "PARTIALLY_FILLED", 12569099453, "0.00100000", "52000.00000000", "0.05200000", "USDT", 1001, maker: true));
        var order = h.Order(id);
        Assert.That((order.State, order.Filled.Raw, order.Fees), Is.EqualTo((OrderState.PartiallyFilled, 100_000L, 5_200_000L)));
        Assert.That(h.Gateway.LastReport.Liquidity, Is.EqualTo(Liquidity.Maker));

        // Base-asset fee converted at the fill price: 0.000001 BTC x 52000 = 0.052 USDT.
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "FILLED", 12569099453, "0.00100000", "52000.00000000", "0.00000100", "BTC", 1002));
        order = h.Order(id);
        Assert.That((order.State, order.Filled.Raw, order.Fees), Is.EqualTo((OrderState.Filled, 200_000L, 10_400_000L)));
        Assert.That(h.Gateway.LastReport.Liquidity, Is.EqualTo(Liquidity.Taker));
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(200_000));
    }

    [Test]
    public void FillBeforeTheResponseAcksWithTheVenueIdAndThirdAssetFeesAreCounted()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Ask, "52000", "0.001");
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "FILLED", 99, "0.00100000", "52000.00000000", "0.00010000", "BNB", 5, side: "SELL"));
        Assert.That((h.Order(id).State, h.Order(id).VenueOrderId, h.Order(id).Fees), Is.EqualTo((OrderState.Filled, 99L, 0L)));
        Assert.That(h.Gateway.FeesNotBooked, Is.EqualTo(10_000));
        h.Feed(DocMessages.PlaceAck(id, 99));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Filled), "a late ack changes nothing");
    }

    [Test]
    public void NewEventBeforeTheResponseAcks()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "NEW", "NEW", 4293153));
        Assert.That((h.Order(id).State, h.Order(id).VenueOrderId), Is.EqualTo((OrderState.New, 4293153L)));
    }

    [TestCase(-2010, "Account has insufficient balance for requested action.", BinanceRejectCode.VenueNewOrderRejected)]
    [TestCase(-1013, "Filter failure: PRICE_FILTER", BinanceRejectCode.VenueFilterFailure)]
    [TestCase(-1021, "Timestamp for this request is outside of the recvWindow.", BinanceRejectCode.VenueTimestamp)]
    [TestCase(-1022, "Signature for this request is not valid.", BinanceRejectCode.VenueBadSignature)]
    public void PlaceErrorsRejectWithTheirCode(int code, string msg, BinanceRejectCode expected)
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.Error("p" + id, 400, code, msg));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)expected));
    }

    [Test]
    public void RejectedAndExpiredEvents()
    {
        var h = new Harness();
        h.MakeReady();
        var rejected = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.Execution(Harness.VenueId(rejected), "REJECTED", "REJECTED", 0, reject: "INSUFFICIENT_BALANCES"));
        Assert.That(h.Order(rejected).State, Is.EqualTo(OrderState.Rejected));

        var ioc = h.Place(Side.Bid, "52000", "0.002", tif: TimeInForce.ImmediateOrCancel);
        h.Feed(DocMessages.PlaceAck(ioc, 7));
        h.Feed(DocMessages.Execution(Harness.VenueId(ioc), "TRADE", "PARTIALLY_FILLED", 7, "0.00100000", "52000.00000000", "0", "USDT", 70));
        h.Feed(DocMessages.Execution(Harness.VenueId(ioc), "EXPIRED", "EXPIRED", 7, cumQty: "0.00100000"));
        Assert.That((h.Order(ioc).State, h.Order(ioc).Filled.Raw), Is.EqualTo((OrderState.Expired, 100_000L)));

        var stp = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.PlaceAck(stp, 8));
        h.Feed(DocMessages.Execution(Harness.VenueId(stp), "EXPIRED", "EXPIRED_IN_MATCH", 8));
        Assert.That(h.Order(stp).State, Is.EqualTo(OrderState.Expired));
    }

    [Test]
    public void CancelIsSentByClientIdAndConfirmedByTheCanceledEvent()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.PlaceAck(id, 12));
        h.Transport.Take();
        Assert.That(h.Gateway.TryCancel(id), Is.EqualTo(CommandStatus.Accepted));
        var sent = h.Transport.Take();
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(sent[0], Does.Contain("\"method\":\"order.cancel\"").And.Contain("\"origClientOrderId\":\"" + Harness.VenueId(id) + "\""));
        h.Feed(DocMessages.CancelOk(id, 12));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.PendingCancel), "the CANCELED event confirms");
        // The cancel request's own id is in c; our order's in C.
        h.Feed(DocMessages.Execution("91fe37ce9e69c90d6358c0", "CANCELED", "CANCELED", 12, origClientId: Harness.VenueId(id)));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void CancelErrorIsACancelReject()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.PlaceAck(id, 12));
        h.Gateway.TryCancel(id);
        h.Feed(DocMessages.Error("c" + id, 400, -2011, "Unknown order sent."));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Gateway.LastReport, Is.EqualTo(ExecutionReport.CancelReject(id, (ushort)BinanceRejectCode.VenueCancelRejected)));
    }

    [Test]
    public void AmendIsACancelReplaceOfTheRemainingQuantityAndTheOldLegIsIgnored()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Ask, "52000", "0.003");
        h.Feed(DocMessages.PlaceAck(id, 100));
        h.Feed(DocMessages.Execution(Harness.VenueId(id), "TRADE", "PARTIALLY_FILLED", 100, "0.00100000", "52000.00000000", "0", "USDT", 1, side: "SELL"));
        h.Transport.Take();

        Assert.That(h.Gateway.TryAmend(id, new Velox.Core.Numerics.Price(5_200_050), new Velox.Core.Numerics.Quantity(300_000)), Is.EqualTo(CommandStatus.Accepted));
        var sent = h.Transport.Take();
        Assert.That(sent, Has.Count.EqualTo(1));
        using (var json = JsonDocument.Parse(sent[0]))
        {
            var p = json.RootElement.GetProperty("params");
            Assert.That(json.RootElement.GetProperty("method").GetString(), Is.EqualTo("order.cancelReplace"));
            Assert.That(p.GetProperty("cancelOrigClientOrderId").GetString(), Is.EqualTo(Harness.VenueId(id)));
            Assert.That(p.GetProperty("newClientOrderId").GetString(), Is.EqualTo(Harness.VenueId(id, 1)));
            Assert.That(p.GetProperty("quantity").GetString(), Is.EqualTo("0.002"), "0.003 amended quantity - 0.001 filled");
            Assert.That(p.GetProperty("price").GetString(), Is.EqualTo("52000.5"));
        }

        // Events of both legs arrive around the response.
        h.Feed(DocMessages.Execution("x1", "CANCELED", "CANCELED", 100, origClientId: Harness.VenueId(id), side: "SELL"));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.PendingReplace), "the cancelled leg does not end the order");
        h.Feed(DocMessages.ReplaceOk(id, 0, 100, 101));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Replaced));
        Assert.That(h.Order(id).Price.Raw, Is.EqualTo(5_200_050));
        h.Feed(DocMessages.Execution(Harness.VenueId(id, 1), "NEW", "NEW", 101, side: "SELL"));

        h.Feed(DocMessages.Execution(Harness.VenueId(id, 1), "TRADE", "FILLED", 101, "0.00200000", "52000.50000000", "0", "USDT", 2, side: "SELL"));
        Assert.That((h.Order(id).State, h.Order(id).Filled.Raw), Is.EqualTo((OrderState.Filled, 300_000L)));
    }

    [Test]
    public void ReplacingLegsNewBeforeTheResponse_AdvancesTheLegOnce()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.003");
        h.Feed(DocMessages.PlaceAck(id, 100));
        h.Gateway.TryAmend(id, new Velox.Core.Numerics.Price(5_100_000), new Velox.Core.Numerics.Quantity(300_000));
        h.Feed(DocMessages.Execution(Harness.VenueId(id, 1), "NEW", "NEW", 101));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Replaced), "the new leg's NEW acks the amend");
        h.Feed(DocMessages.ReplaceOk(id, 0, 100, 101));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Replaced));
        h.Transport.Take();

        // The late response names the same new leg: a cancel goes to it, not to a leg that does not exist.
        h.Gateway.TryCancel(id);
        Assert.That(h.Transport.Take()[0], Does.Contain("\"origClientOrderId\":\"" + Harness.VenueId(id, 1) + "\""));
        h.Feed(DocMessages.Execution("x2", "CANCELED", "CANCELED", 101, origClientId: Harness.VenueId(id, 1)));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void CancelAfterAReplaceNamesTheNewLegAndAFailedReplaceIsRejected()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.003");
        h.Feed(DocMessages.PlaceAck(id, 100));
        h.Gateway.TryAmend(id, new Velox.Core.Numerics.Price(5_100_000), new Velox.Core.Numerics.Quantity(300_000));
        h.Feed(DocMessages.ReplaceOk(id, 0, 100, 101));
        h.Transport.Take();
        h.Gateway.TryCancel(id);
        Assert.That(h.Transport.Take()[0], Does.Contain("\"origClientOrderId\":\"" + Harness.VenueId(id, 1) + "\""));
        h.Feed(DocMessages.Execution("x2", "CANCELED", "CANCELED", 101, origClientId: Harness.VenueId(id, 1)));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Cancelled));

        var other = h.Place(Side.Bid, "52000", "0.003");
        h.Feed(DocMessages.PlaceAck(other, 200));
        h.Gateway.TryAmend(other, new Velox.Core.Numerics.Price(5_100_000), new Velox.Core.Numerics.Quantity(300_000));
        h.Feed(DocMessages.ReplaceFailed(other));
        Assert.That(h.Order(other).State, Is.EqualTo(OrderState.New));
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.VenueCancelReplaceFailed));

        // -2021: the old order was cancelled (its CANCELED event came) but the new one failed: the order is gone.
        var gone = h.Place(Side.Bid, "52000", "0.003");
        h.Feed(DocMessages.PlaceAck(gone, 300));
        h.Gateway.TryAmend(gone, new Velox.Core.Numerics.Price(5_100_000), new Velox.Core.Numerics.Quantity(300_000));
        h.Feed(DocMessages.Execution("x4", "CANCELED", "CANCELED", 300, origClientId: Harness.VenueId(gone)));
        Assert.That(h.Order(gone).State, Is.EqualTo(OrderState.PendingReplace));
        h.Feed(DocMessages.Error("r" + gone, 409, -2021, "Order cancel-replace partially failed."));
        Assert.That(h.Order(gone).State, Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void DuplicateAndOutOfOrderTradeStormIsIdempotent()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.02");
        h.Feed(DocMessages.PlaceAck(id, 500));
        var trades = Enumerable.Range(1, 20)
            .Select(t => DocMessages.Execution(Harness.VenueId(id), "TRADE", t == 20 ? "FILLED" : "PARTIALLY_FILLED", 500, "0.00100000", "52000.00000000", "0.05200000", "USDT", 9000 + t))
            .ToList();
        var storm = trades.Concat(trades).Concat(trades).OrderBy(_ => Random.Shared.Next()).ToList();
        foreach (var message in storm)
        {
            h.Feed(message);
        }

        var order = h.Order(id);
        Assert.That((order.State, order.Filled.Raw, order.Fees), Is.EqualTo((OrderState.Filled, 2_000_000L, 20 * 5_200_000L)));
        Assert.That(h.Engine.Orders.Count(ReportOutcome.DuplicateFill), Is.EqualTo(40));
        Assert.That(h.Engine.Positions[h.Btc.Id].Quantity.Raw, Is.EqualTo(2_000_000));
    }

    [TestCase("3000.005", "0.01", BinanceRejectCode.PriceNotOnTick, true, TestName = "ETHUSDT (4 price decimals): 3000.005 is off the 0.01 tick")]
    [TestCase("52000", "0.000001", BinanceRejectCode.QuantityBelowMin, false)]
    [TestCase("52000", "0.000015", BinanceRejectCode.QuantityNotOnStep, false)]
    [TestCase("1", "0.001", BinanceRejectCode.NotionalBelowMin, false)]
    [TestCase("2000000", "0.001", BinanceRejectCode.PriceAboveMax, false)]
    public void FilterViolationsAreRejectedAndNeverSent(string price, string quantity, BinanceRejectCode expected, bool eth)
    {
        var h = new Harness();
        h.MakeReady();
        var request = h.Request(Side.Bid, price, quantity, eth ? h.Eth : h.Btc);
        Assert.That(request.Price.Raw, Is.Positive);

        // A market at the order's price, so pre-trade risk's price band does not refuse it first.
        var market = new MarketState(BookSyncState.InSync, h.Clock.NowNanos(), request.Price);
        var status = h.Gateway.TrySubmit(request, market, out var reason, out var id);
        Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), reason.ToString());

        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)expected));
        Assert.That(h.Gateway.FilterRejects, Is.EqualTo(1));
        Assert.That(h.Transport.Sent, Is.Empty);
    }

    [Test]
    public void UnsupportedOrdersAndOtherVenuesAreRejectedLocally()
    {
        var h = new Harness();
        h.MakeReady();
        var gateway = (IOrderGateway)h.Gateway;
        h.Engine.TrySubmit(h.Request(Side.Bid, "52000", "0.001", type: OrderType.Market, tif: TimeInForce.FillOrKill), h.Market, out _, out var fok);
        Assert.That(gateway.TrySendNew(fok, h.Request(Side.Bid, "52000", "0.001", type: OrderType.Market, tif: TimeInForce.FillOrKill)), Is.True);
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.UnsupportedOrder));
        h.Engine.TrySubmit(h.Request(Side.Bid, "52000", "0.001", h.Other), h.Market, out _, out var other);
        Assert.That(gateway.TrySendNew(other, h.Request(Side.Bid, "52000", "0.001", h.Other)), Is.True);
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.UnknownInstrument));
        Assert.That(h.Transport.Sent, Is.Empty);
    }

    [Test]
    public void KillSwitchSendsOneCancelAllPerBinanceSymbol()
    {
        var h = new Harness();
        h.MakeReady();
        var id = h.Place(Side.Bid, "52000", "0.001");
        h.Feed(DocMessages.PlaceAck(id, 1));
        h.Transport.Take();
        h.Engine.KillSwitch.Engage();
        Assert.That(h.Gateway.DoWork(), Is.EqualTo(1));
        var sent = h.Transport.Take();
        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(sent[0], Does.StartWith("{\"id\":\"a" + h.Btc.Id.Value + "\",\"method\":\"openOrders.cancelAll\"").And.Contain("\"symbol\":\"BTCUSDT\""));
        Assert.That(sent[1], Does.Contain("\"symbol\":\"ETHUSDT\""));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.PendingCancel));
        Assert.That(h.Gateway.DoWork(), Is.Zero);
        Assert.That(h.Transport.Sent, Is.Empty, "once per engagement");
        h.Feed(DocMessages.Execution("x3", "CANCELED", "CANCELED", 1, origClientId: Harness.VenueId(id)));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Cancelled));
    }

    [Test]
    public void KillSwitchWhileTheSocketRefusesRetriesTheCancelAll()
    {
        var h = new Harness();
        h.MakeReady();
        h.Transport.Refuse = true;
        h.Engine.KillSwitch.Engage();
        Assert.That(h.Gateway.DoWork(), Is.Zero);
        h.Transport.Refuse = false;
        Assert.That(h.Gateway.DoWork(), Is.EqualTo(1));
        Assert.That(h.Transport.Take(), Has.Count.EqualTo(2));
    }

    [Test]
    public void ASocketThatRefusesTheOrderRejectsItAsNotSent()
    {
        var h = new Harness();
        h.MakeReady();
        h.Transport.Refuse = true;
        var status = h.Gateway.TrySubmit(h.Request(Side.Bid, "52000", "0.001"), h.Market, out _, out var id);
        Assert.That(status, Is.EqualTo(SubmitStatus.Accepted));
        Assert.That(h.Order(id).State, Is.EqualTo(OrderState.Rejected));
        Assert.That(h.Gateway.LastReport.RejectCode, Is.EqualTo((ushort)BinanceRejectCode.NotSent));
        Assert.That(h.Gateway.OrdersSent, Is.Zero);
    }

    [Test]
    public void StrategiesSendThroughTheGatewaySink()
    {
        var h = new Harness();
        h.MakeReady();
        var sink = new GatewaySink<BinanceOrderGateway>(h.Gateway, ExecutionMode.Paper);
        var request = h.Request(Side.Ask, "52000", "0.001");
        Assert.That(h.Engine.TrySubmit(request, h.Market, out _, out var id), Is.EqualTo(SubmitStatus.Accepted));
        Assert.That(sink.TrySendNew(id, request), Is.True);
        Assert.That(h.Transport.Take().Single(), Does.Contain("\"side\":\"SELL\""));
        h.Feed(DocMessages.PlaceAck(id, 3));
        Assert.That(h.Engine.TryCancel(id), Is.EqualTo(CommandStatus.Accepted));
        Assert.That(sink.TrySendCancel(id, h.Btc.Id), Is.True);
        Assert.That(sink.TrySendCancelAll(InstrumentId.None), Is.True);
        Assert.That(h.Transport.Take(), Has.Count.EqualTo(3));

        h.Gateway.OnDisconnected();
        Assert.That(sink.TrySendNew(id, request), Is.False, "disconnected: the router books the refusal");
        Assert.That(() => new GatewaySink<BinanceOrderGateway>(h.Gateway, ExecutionMode.Live), Throws.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void UnknownOrdersAndMalformedMessagesAreCounted()
    {
        var h = new Harness();
        h.MakeReady();
        h.Feed(DocMessages.Execution("mUvoqJxFIILMdfAW5iGSOW", "NEW", "NEW", 1));
        h.Feed(DocMessages.Execution("vx999", "NEW", "NEW", 1));
        h.Feed("{\"id\":\"p1\",");
        h.Feed(DocMessages.Error("a0", 400, -1100, "Illegal characters found in a parameter."));
        Assert.That((h.Gateway.Unmatched, h.Gateway.MalformedMessages), Is.EqualTo((2L, 1L)));
        Assert.That(h.Gateway.LastVenueError, Is.EqualTo("Binance error -1100: Illegal characters found in a parameter."));
        h.Feed(DocMessages.AccountPosition);
        Assert.That(h.Gateway.Balances.TryGet("USDT"u8, out var free, out var locked), Is.True);
        Assert.That((free, locked), Is.EqualTo((8_901_995_974L, 70_369_807_400L)));
        h.Feed(DocMessages.BalanceUpdate);
        Assert.That(h.Gateway.OtherEvents, Is.EqualTo(1));
    }

    [Test]
    public void OrderAndReportPathsAllocateNothing()
    {
        var h = new Harness(maxOrders: 4096);
        h.MakeReady();
        var request = h.Request(Side.Bid, "52000", "0.001");
        for (var pass = 0; pass < 2; pass++)
        {
            var ids = new long[200];
            var got = new long[200];
            var acks = new byte[200][];
            var fills = new byte[200][];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = (h.Ids.Session << ClientOrderIdSource.CounterBits) | (h.Ids.Issued + 1 + i);
                acks[i] = System.Text.Encoding.UTF8.GetBytes(DocMessages.PlaceAck(ids[i], 1000 + i));
                fills[i] = System.Text.Encoding.UTF8.GetBytes(
                    DocMessages.Execution(Harness.VenueId(ids[i]), "TRADE", "FILLED", 1000 + i, "0.00100000", "52000.00000000", "0.05200000", "USDT", (pass * 1000) + i));
            }

            var counting = new CountingTransport();
            h.Gateway.Attach(counting, true);
            h.Feed("""{"id":"s2","status":200,"result":{"subscriptionId":1}}""");
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < ids.Length; i++)
            {
                h.Gateway.TrySubmit(request, h.Market, out _, out got[i]);
                h.Gateway.OnMessage(acks[i]);
                h.Gateway.OnMessage(fills[i]);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(got, Is.EqualTo(ids));
            if (pass == 1)
            {
                Assert.That(allocated, Is.Zero);
            }

            Assert.That(counting.Count, Is.EqualTo(ids.Length + 2), "the subscription, the orphan search of the resubscription and one order.place per order");
            Assert.That(h.Order(ids[^1]).State, Is.EqualTo(OrderState.Filled));
        }
    }

    private sealed class CountingTransport : IBinanceTransport
    {
        public int Count;

        public bool TrySend(ReadOnlySpan<byte> utf8)
        {
            Count++;
            return true;
        }
    }
}
