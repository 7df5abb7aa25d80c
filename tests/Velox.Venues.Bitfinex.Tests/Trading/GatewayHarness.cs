using System.Text;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Venues.Bitfinex.Tests.Trading;

/// <summary>A settable wall clock (epoch ns).</summary>
internal sealed class FixedWallClock : IWallClock
{
    public FixedWallClock(long epochNanos) => Now = epochNanos;

    public long Now { get; set; }

    public long EpochNanos() => Now;
}

/// <summary>Engine + OMS + session + gateway without a socket: frames go in through the session, sent frames come out of its queue.</summary>
internal sealed class GatewayHarness
{
    public const string Key = "testKeyAbc123";
    public const string Secret = "testSecretXyz789";

    /// <summary>2019-12-02 12:00:00 UTC.</summary>
    public const long WallStart = 1_575_288_000_000_000_000;

    public GatewayHarness(long session = 3, BitfinexGatewayOptions? options = null, int maxOrders = 256, BitfinexConfFlags conf = BitfinexConfFlags.None)
    {
        Registry = new InstrumentRegistry();
        Btc = Registry.Add(BitfinexVenue.Name, "tBTCUSD", 4, 8);
        Eth = Registry.Add(BitfinexVenue.Name, "tETHUSD", 4, 8);
        EthUst = Registry.Add(BitfinexVenue.Name, "tETHUST", 4, 8);
        Clock = new ReplayClock(1_000_000_000);
        Wall = new FixedWallClock(WallStart);
        Ids = new ClientOrderIdSource(session);
        var orders = new OrderManager(new OmsOptions { MaxOrders = maxOrders, MaxInstruments = 4, FillIdHistory = 4096 }, Ids, Clock);
        var positions = new PositionBook(Registry);
        var breakers = new CircuitBreakers(new BreakerOptions(), 4);
        var killSwitch = new KillSwitch();
        var risk = new PreTradeRisk(
            new RiskOptions { VenueOrderBurst = 1_000_000, VenueOrdersPerSecond = 1_000_000, SelfTradePrevention = false },
            Registry, Clock, orders, positions, breakers, killSwitch);
        Engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, Clock);
        Session = new BitfinexMarketDataSession(Registry, new BitfinexSessionOptions { ConfFlags = conf });
        Credentials = new VenueCredentials(Key, Secret);
        Nonce = new BitfinexNonce(Wall);
        Gateway = new BitfinexOrderGateway(Engine, Registry, Ids, Credentials, Nonce, Wall, options);
        Gateway.Attach(Session);
    }

    public InstrumentRegistry Registry { get; }

    public Instrument Btc { get; }

    public Instrument Eth { get; }

    public Instrument EthUst { get; }

    public ReplayClock Clock { get; }

    public FixedWallClock Wall { get; }

    public ClientOrderIdSource Ids { get; }

    public TradingEngine Engine { get; }

    public BitfinexMarketDataSession Session { get; }

    public VenueCredentials Credentials { get; }

    public BitfinexNonce Nonce { get; }

    public BitfinexOrderGateway Gateway { get; }

    public MarketState Market => new(BookSyncState.InSync, Clock.NowNanos(), new Price(100_000_000));

    /// <summary>Connects, answers auth OK and an empty order snapshot; returns what was sent.</summary>
    public List<string> MakeReady()
    {
        Session.OnConnected();
        var sent = TakeSent();
        Feed("""{"event":"auth","status":"OK","chanId":0,"userId":1,"caps":{}}""");
        Feed("""[0,"os",[]]""");
        Assert.That(Gateway.State, Is.EqualTo(BitfinexGatewayState.Ready));
        return sent;
    }

    public FrameOutcome Feed(string frame) => Session.ProcessFrame(Encoding.UTF8.GetBytes(frame), Clock.NowNanos());

    public List<string> TakeSent()
    {
        var sent = new List<string>();
        while (Session.Outbound.TryPeek(out var message))
        {
            sent.Add(Encoding.UTF8.GetString(message));
            Session.Outbound.Advance();
        }

        return sent;
    }

    /// <summary>Places a limit order through the gateway (price and quantity as decimal text at the instrument scales).</summary>
    public long Place(Side side, string price, string quantity, Instrument? instrument = null, OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.GoodTillCancel)
    {
        instrument ??= Btc;
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(price), instrument.PriceScale, out var px);
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(quantity), instrument.SizeScale, out var qty);
        var request = new OrderRequest(instrument.Id, side, type, tif, new Price(px), new Quantity(qty));
        var status = Gateway.TrySubmit(request, Market, out var reason, out var id);
        Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), reason.ToString());
        return id;
    }

    public Order Order(long clientOrderId)
    {
        Assert.That(Engine.Orders.TryGet(clientOrderId, out var order), Is.True);
        return order;
    }

    /// <summary>An order array shaped like the documentation's 32-field sample.</summary>
    public static string OrderArray(long id, long cid, string symbol, string amount, string amountOrig, string type, string status, string price) =>
        $"[{id},null,{cid},\"{symbol}\",1575287438515,1575287438519,{amount},{amountOrig},\"{type}\",null,null,null,0,\"{status}\",null,null,{price},0,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,null]";

    public static string Notification(string type, string orderArray, string status, string text) =>
        $"[0,\"n\",[1575287438515,\"{type}\",null,null,{orderArray},null,\"{status}\",\"{text}\"]]";

    public static string Trade(string tag, long tradeId, string symbol, long orderId, string amount, string price, int maker, string fee, string feeCurrency, long cid) =>
        $"[0,\"{tag}\",[{tradeId},\"{symbol}\",1574963975602,{orderId},{amount},{price},\"EXCHANGE LIMIT\",{price},{maker},{fee},{feeCurrency},{cid}]]";
}
