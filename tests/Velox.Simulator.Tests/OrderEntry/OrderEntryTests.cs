using Velox.Core.Numerics;
using Velox.Simulator.Market;

namespace Velox.Simulator.Tests.OrderEntry;

public class OrderEntryTests
{
    private const int Px = SimInstrumentSpec.DefaultPriceScale;
    private const int Sz = SimInstrumentSpec.DefaultSizeScale;

    private static readonly string[] NewRestWallet = ["n", "on", "wu"];
    private static readonly string[] AckCloseWallet = ["n", "oc", "wu"];
    private static readonly string[] AckUpdateWallet = ["n", "ou", "wu"];
    private static readonly long[] OneTwoThree = [1, 2, 3];

    private static TradingDriver LoggedIn(int seed = 11)
    {
        var d = new TradingDriver(TradingDriver.StaticOptions(seed));
        d.Auth(nonce: 1);
        return d;
    }

    private static string Px10(long raw) => JsNumberFormat.ToString(raw, Px);

    private static string Sz8(long raw) => JsNumberFormat.ToString(raw, Sz);

    private static string Wallet(List<string> frames, string currency) =>
        TradingDriver.OfType(frames, "wu").Last(f => TradingDriver.Body(f)[1].GetString() == currency);

    [Test]
    public void LimitBelowTheAsk_RestsReservesQuoteAndCancelsById()
    {
        var d = LoggedIn();
        var bid = d.Session.Market[0].Bids[0].Price;
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.5", Px10(bid), cid: 77));

        Assert.That(frames.Select(TradingDriver.Type), Is.EqualTo(NewRestWallet));
        var n = TradingDriver.Body(frames[0]);
        Assert.That(n[1].GetString(), Is.EqualTo("on-req"));
        Assert.That(n[6].GetString(), Is.EqualTo("SUCCESS"));
        Assert.That(n[7].GetString(), Is.EqualTo("Submitting exchange limit buy order for 0.5 BTC."));
        var order = TradingDriver.Body(frames[1]);
        Assert.That(order.GetArrayLength(), Is.EqualTo(32));
        Assert.That(order[2].GetInt64(), Is.EqualTo(77));
        Assert.That(order[3].GetString(), Is.EqualTo("tBTCUSD"));
        Assert.That(order[8].GetString(), Is.EqualTo("EXCHANGE LIMIT"));
        Assert.That(order[13].GetString(), Is.EqualTo("ACTIVE"));
        Assert.That(order[16].GetRawText(), Is.EqualTo(Px10(bid)));
        var reserved = bid / 100 / 2; // 0.5 × price, price scale 10 → wallet scale 8
        Assert.That(frames[2], Is.EqualTo($"[0,\"wu\",[\"exchange\",\"USD\",1000000,0,{Sz8(100_000_000_000_000 - reserved)},null,null]]"));

        var id = order[0].GetInt64();
        var cancel = d.Send($"[0,\"oc\",null,{{\"id\":{id}}}]");
        Assert.That(cancel.Select(TradingDriver.Type), Is.EqualTo(AckCloseWallet));
        Assert.That(TradingDriver.Body(cancel[0])[1].GetString(), Is.EqualTo("oc-req"));
        Assert.That(TradingDriver.Body(cancel[0])[7].GetString(), Is.EqualTo($"Submitted for cancellation; waiting for confirmation (ID: {id})."));
        Assert.That(TradingDriver.Body(cancel[1])[13].GetString(), Is.EqualTo("CANCELED"));
        Assert.That(cancel[2], Is.EqualTo("[0,\"wu\",[\"exchange\",\"USD\",1000000,0,1000000,null,null]]"));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void MarketBuy_SweepsLevelsWithAveragePriceTakerFeesAndWallets()
    {
        var d = LoggedIn();
        var asks = d.Session.Market[0].Asks;
        var l0 = asks[0];
        var l1 = asks[1];
        var extra = l1.Size / 2;
        var amount = l0.Size + extra;
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE MARKET", Sz8(amount), cid: 5));

        var te = TradingDriver.OfType(frames, "te");
        var tu = TradingDriver.OfType(frames, "tu");
        Assert.That(te, Has.Count.EqualTo(2));
        Assert.That(TradingDriver.Body(te[0])[4].GetRawText(), Is.EqualTo(Sz8(l0.Size)));
        Assert.That(TradingDriver.Body(te[0])[5].GetRawText(), Is.EqualTo(Px10(l0.Price)));
        Assert.That(TradingDriver.Body(te[1])[4].GetRawText(), Is.EqualTo(Sz8(extra)));
        Assert.That(TradingDriver.Body(te[1])[5].GetRawText(), Is.EqualTo(Px10(l1.Price)));
        Assert.That(TradingDriver.Body(te[0])[8].GetInt32(), Is.EqualTo(-1), "taker");

        // Taker fee 20 bps of the received BTC, truncated to 8 decimals, reported negative.
        var fee0 = l0.Size * 20 / 10_000;
        var fee1 = extra * 20 / 10_000;
        Assert.That(TradingDriver.Body(tu[0])[9].GetRawText(), Is.EqualTo(Sz8(-fee0)));
        Assert.That(TradingDriver.Body(tu[1])[9].GetRawText(), Is.EqualTo(Sz8(-fee1)));
        Assert.That(TradingDriver.Body(tu[1])[10].GetString(), Is.EqualTo("BTC"));
        Assert.That(TradingDriver.Body(tu[1])[11].GetInt64(), Is.EqualTo(5));

        var closed = TradingDriver.Body(TradingDriver.OfType(frames, "oc").Single());
        Assert.That(closed[6].GetRawText(), Is.EqualTo("0"));
        Assert.That(closed[13].GetString(), Is.EqualTo($"EXECUTED @ {Px10(l1.Price)}.0({Sz8(extra)}): was PARTIALLY FILLED @ {Px10(l0.Price)}.0({Sz8(l0.Size)})"));
        var avg = (long)((((Int128)l0.Size * l0.Price) + ((Int128)extra * l1.Price)) / amount);
        Assert.That(closed[17].GetRawText(), Is.EqualTo(Px10(avg)));

        var cost = ((Int128)l0.Size * l0.Price / 10_000_000_000) + ((Int128)extra * l1.Price / 10_000_000_000);
        var usd = 100_000_000_000_000 - (long)cost;
        Assert.That(Wallet(frames, "USD"), Is.EqualTo($"[0,\"wu\",[\"exchange\",\"USD\",{Sz8(usd)},0,{Sz8(usd)},\"Exchange {Sz8(extra)} BTC for USD @ {Px10(l1.Price)}\",{{\"reason\":\"TRADE\",\"order_id\":{closed[0].GetInt64()},\"trade_price\":\"{Px10(l1.Price)}\",\"trade_amount\":\"{Sz8(extra)}\"}}]]"));
        var btc = 1_000_000_000 + amount - fee0 - fee1;
        Assert.That(TradingDriver.Body(Wallet(frames, "BTC"))[2].GetRawText(), Is.EqualTo(Sz8(btc)));

        Assert.That(asks[0].Price, Is.EqualTo(l1.Price), "the taken level left the synthetic book");
        Assert.That(asks[0].Size, Is.EqualTo(l1.Size - extra));
        var order = frames.Select(TradingDriver.Type).ToList();
        Assert.That(order.IndexOf("n"), Is.LessThan(order.IndexOf("te")));
        Assert.That(order.LastIndexOf("te"), Is.LessThan(order.IndexOf("oc")));
        Assert.That(order.LastIndexOf("wu"), Is.LessThan(order.IndexOf("tu")));
    }

    [Test]
    public void IocSell_FillsWhatCrossesAndCancelsTheRest()
    {
        var d = LoggedIn();
        var bids = d.Session.Market[0].Bids;
        var b0 = bids[0];
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE IOC", Sz8(-(b0.Size + 100_000_000)), Px10(b0.Price)));
        Assert.That(TradingDriver.OfType(frames, "te"), Has.Count.EqualTo(1));
        var closed = TradingDriver.Body(TradingDriver.OfType(frames, "oc").Single());
        Assert.That(closed[13].GetString(), Is.EqualTo($"IOC CANCELED was: PARTIALLY FILLED @ {Px10(b0.Price)}.0({Sz8(-b0.Size)})"));
        Assert.That(closed[6].GetRawText(), Is.EqualTo("-1"));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void Fok_KillsWithoutFillsWhenTheBookIsShort_AndFillsWhenItIsNot()
    {
        var d = LoggedIn();
        var a0 = d.Session.Market[0].Asks[0];
        var killed = d.Send(TradingDriver.NewOrder("EXCHANGE FOK", Sz8(a0.Size + 1), Px10(a0.Price)));
        Assert.That(TradingDriver.OfType(killed, "te"), Is.Empty);
        Assert.That(TradingDriver.Body(TradingDriver.OfType(killed, "oc").Single())[13].GetString(), Is.EqualTo("FILLORKILL CANCELED"));
        Assert.That(d.Session.Market[0].Asks[0].Size, Is.EqualTo(a0.Size), "nothing taken");

        var filled = d.Send(TradingDriver.NewOrder("EXCHANGE FOK", Sz8(a0.Size), Px10(a0.Price)));
        Assert.That(TradingDriver.OfType(filled, "te"), Has.Count.EqualTo(1));
        Assert.That(TradingDriver.Body(TradingDriver.OfType(filled, "oc").Single())[13].GetString(), Does.StartWith("EXECUTED @ "));
    }

    [Test]
    public void PostOnly_IsCancelledWhenItWouldCross_AndRestsWhenItWouldNot()
    {
        var d = LoggedIn();
        var ask = d.Session.Market[0].Asks[0].Price;
        var crossing = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", Px10(ask), flags: 4096));
        Assert.That(crossing.Select(TradingDriver.Type), Is.EqualTo(AckCloseWallet));
        var closed = TradingDriver.Body(crossing[1]);
        Assert.That(closed[13].GetString(), Is.EqualTo("POSTONLY CANCELED"));
        Assert.That(closed[12].GetInt32(), Is.EqualTo(4096));

        var resting = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", Px10(ask - 10_000_000_000), flags: 4096));
        Assert.That(TradingDriver.Body(TradingDriver.OfType(resting, "on").Single())[13].GetString(), Is.EqualTo("ACTIVE"));
    }

    [Test]
    public void Amend_ChangesPriceAndAmount_AndCancelByCidAndDate()
    {
        var d = LoggedIn();
        var bid = d.Session.Market[0].Bids[0].Price;
        var placed = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.2", Px10(bid - 50_000_000_000), cid: 4242));
        var id = TradingDriver.Body(TradingDriver.OfType(placed, "on").Single())[0].GetInt64();

        var amended = d.Send($"[0,\"ou\",null,{{\"id\":{id},\"price\":\"{Px10(bid - 40_000_000_000)}\",\"amount\":\"0.3\"}}]");
        Assert.That(amended.Select(TradingDriver.Type), Is.EqualTo(AckUpdateWallet));
        Assert.That(TradingDriver.Body(amended[0])[1].GetString(), Is.EqualTo("ou-req"));
        var ou = TradingDriver.Body(amended[1]);
        Assert.That(ou[6].GetRawText(), Is.EqualTo("0.3"));
        Assert.That(ou[16].GetRawText(), Is.EqualTo(Px10(bid - 40_000_000_000)));

        // An amend into the ask trades at once.
        var ask = d.Session.Market[0].Asks[0];
        var crossed = d.Send($"[0,\"ou\",null,{{\"id\":{id},\"price\":\"{Px10(ask.Price)}\",\"amount\":\"{Sz8(Math.Min(ask.Size, 30_000_000) / 2)}\"}}]");
        Assert.That(TradingDriver.OfType(crossed, "te"), Has.Count.EqualTo(1));
        Assert.That(TradingDriver.Body(TradingDriver.OfType(crossed, "oc").Single())[13].GetString(), Does.StartWith("EXECUTED @ "));

        var second = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.2", Px10(bid - 50_000_000_000), cid: 4343));
        Assert.That(TradingDriver.OfType(second, "on"), Has.Count.EqualTo(1));
        var wrongDay = d.Send("[0,\"oc\",null,{\"cid\":4343,\"cid_date\":\"2023-11-15\"}]");
        Assert.That(TradingDriver.Body(wrongDay.Single())[6].GetString(), Is.EqualTo("ERROR"));
        Assert.That(TradingDriver.Body(wrongDay.Single())[7].GetString(), Is.EqualTo("Order not found."));
        var byCid = d.Send("[0,\"oc\",null,{\"cid\":4343,\"cid_date\":\"2023-11-14\"}]");
        Assert.That(TradingDriver.Body(TradingDriver.OfType(byCid, "oc").Single())[2].GetInt64(), Is.EqualTo(4343));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void CancelMultiAll_CancelsEveryOpenOrder()
    {
        var d = LoggedIn();
        var bid = d.Session.Market[0].Bids[0].Price;
        for (var i = 1; i <= 3; i++)
        {
            d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", Px10(bid - (i * 10_000_000_000L)), cid: i));
        }

        var frames = d.Send("[0,\"oc_multi\",null,{\"all\":1}]");
        var n = TradingDriver.Body(frames[0]);
        Assert.That(n[1].GetString(), Is.EqualTo("oc_multi-req"));
        Assert.That(n[4].GetArrayLength(), Is.EqualTo(3));
        Assert.That(n[7].GetString(), Is.EqualTo("Submitting 3 order cancellations."));
        Assert.That(TradingDriver.OfType(frames, "oc").Select(f => TradingDriver.Body(f)[2].GetInt64()), Is.EqualTo(OneTwoThree));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
        Assert.That(TradingDriver.Body(Wallet(frames, "USD"))[4].GetRawText(), Is.EqualTo("1000000"));
    }

    [Test]
    public void InsufficientBalance_IsAnErrorNotificationAndPlacesNothing()
    {
        var d = LoggedIn();
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "100", "60000", cid: 9));
        var n = TradingDriver.Body(frames.Single());
        Assert.That(n[1].GetString(), Is.EqualTo("on-req"));
        Assert.That(n[4][2].GetInt64(), Is.EqualTo(9));
        Assert.That(n[6].GetString(), Is.EqualTo("ERROR"));
        Assert.That(n[7].GetString(), Is.EqualTo("Invalid order: not enough exchange balance for 100 BTCUSD at 60000"));

        var sell = d.Send(TradingDriver.NewOrder("EXCHANGE MARKET", "-10.5"));
        Assert.That(TradingDriver.Body(sell.Single())[6].GetString(), Is.EqualTo("ERROR"));
        Assert.That(d.Engine.OpenOrderCount(0), Is.Zero);
    }

    [Test]
    public void BadInputs_GetErrorNotifications()
    {
        var d = LoggedIn();
        Assert.That(TradingDriver.Body(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "100", symbol: "tNOPE")).Single())[7].GetString(), Is.EqualTo("symbol: invalid"));
        Assert.That(TradingDriver.Body(d.Send(TradingDriver.NewOrder("STOP", "0.1", "100")).Single())[7].GetString(), Is.EqualTo("type: invalid"));
        Assert.That(TradingDriver.Body(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.000000001", "100")).Single())[7].GetString(), Is.EqualTo("amount: invalid"));
        Assert.That(TradingDriver.Body(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "-5")).Single())[7].GetString(), Is.EqualTo("price: invalid"));
        Assert.That(Frames.EventName(d.Send("[0,\"on\",null,{\"type\":").Single()), Is.EqualTo("error"));
    }

    [Test]
    public void RestingBuy_FillsAsMakerWhenTheSyntheticMarketTradesThrough()
    {
        var options = TradingDriver.StaticOptions(seed: 5) with { EventsPerSecond = 1000, Fees = new Velox.Simulator.Matching.FeeSchedule { MakerBps = -2, TakerBps = 20 } };
        var d = new TradingDriver(options);
        d.Auth(nonce: 1);
        d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        var bid = d.Session.Market[0].Bids[0].Price;
        var placed = d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.01", Px10(bid)));
        Assert.That(TradingDriver.OfType(placed, "on"), Has.Count.EqualTo(1));

        var fills = new List<string>();
        for (var i = 0; i < 600 && fills.Count == 0; i++)
        {
            fills.AddRange(TradingDriver.OfType(d.Run(100), "tu"));
        }

        Assert.That(fills, Is.Not.Empty, "the random walk crossed the order within 60 s of market time");
        var tu = TradingDriver.Body(fills[0]);
        Assert.That(tu[5].GetRawText(), Is.EqualTo(Px10(bid)), "makers fill at their own price");
        Assert.That(tu[8].GetInt32(), Is.EqualTo(1), "maker");
        Assert.That(tu[9].GetDouble(), Is.GreaterThan(0), "a negative maker fee is a rebate");
    }

    [Test]
    public void DeadManSwitch_CancelsTheAccountsOrdersWhenTheConnectionCloses()
    {
        var options = TradingDriver.StaticOptions();
        var withDms = new TradingDriver(options);
        Assert.That(withDms.Auth(nonce: 1, dms: 4)[0], Does.Contain("\"dms\":4"));
        withDms.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000"));
        var watcher = new TradingDriver(options, withDms.Engine, connectionIndex: 1);
        watcher.Auth(nonce: 2);
        Assert.That(withDms.Engine.OpenOrderCount(0), Is.EqualTo(1));

        withDms.Session.OnClosed();
        Assert.That(withDms.Engine.OpenOrderCount(0), Is.Zero);
        var seen = watcher.Run(1);
        Assert.That(TradingDriver.Body(TradingDriver.OfType(seen, "oc").Single())[13].GetString(), Is.EqualTo("CANCELED"));

        var without = new TradingDriver(options, withDms.Engine, connectionIndex: 2);
        without.Auth(nonce: 3);
        without.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.1", "50000", cid: 31));
        without.Session.OnClosed();
        var again = new TradingDriver(options, withDms.Engine, connectionIndex: 3);
        var os = TradingDriver.OfType(again.Auth(nonce: 4), "os").Single();
        Assert.That(TradingDriver.Body(os).GetArrayLength(), Is.EqualTo(1));
        Assert.That(TradingDriver.Body(os)[0][2].GetInt64(), Is.EqualTo(31));
    }

    [Test]
    public void SameSeedAndInputs_GiveByteIdenticalFrames()
    {
        static List<string> Script()
        {
            var options = TradingDriver.StaticOptions(seed: 21) with { EventsPerSecond = 500 };
            var d = new TradingDriver(options);
            var all = new List<string>();
            all.AddRange(d.Auth(nonce: 7));
            all.AddRange(d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\"}"));
            all.AddRange(d.Run(200));
            var bid = d.Session.Market[0].Bids[0].Price;
            all.AddRange(d.Send(TradingDriver.NewOrder("EXCHANGE LIMIT", "0.05", Px10(bid), cid: 1)));
            all.AddRange(d.Send(TradingDriver.NewOrder("EXCHANGE MARKET", "-0.3", cid: 2)));
            all.AddRange(d.Run(3000));
            all.AddRange(d.Send("[0,\"oc_multi\",null,{\"all\":1}]"));
            return all;
        }

        var first = Script();
        var second = Script();
        Assert.That(first.Count(f => f.StartsWith("[0,", StringComparison.Ordinal)), Is.GreaterThan(5));
        Assert.That(second, Is.EqualTo(first));
    }
}
