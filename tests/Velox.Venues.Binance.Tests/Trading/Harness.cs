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
using Velox.Venues.Binance.Trading;

namespace Velox.Venues.Binance.Tests.Trading;

/// <summary>A settable wall clock (epoch ns).</summary>
internal sealed class FixedWallClock : IWallClock
{
    public FixedWallClock(long epochNanos) => Now = epochNanos;

    public long Now { get; set; }

    public long EpochNanos() => Now;
}

/// <summary>Records what the gateway sends (no socket); can refuse to simulate back-pressure.</summary>
internal sealed class RecordingTransport : IBinanceTransport
{
    public List<string> Sent { get; } = [];

    public bool Refuse { get; set; }

    public bool TrySend(ReadOnlySpan<byte> utf8)
    {
        if (Refuse)
        {
            return false;
        }

        Sent.Add(Encoding.UTF8.GetString(utf8));
        return true;
    }

    public List<string> Take()
    {
        var sent = new List<string>(Sent);
        Sent.Clear();
        return sent;
    }
}

/// <summary>Engine + OMS + gateway with a recording transport; messages from the venue go in through <see cref="Feed"/>.</summary>
internal sealed class Harness
{
    /// <summary>The HMAC example key and secret of developers.binance.com "SIGNED request example (HMAC)".</summary>
    public const string Key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";

    public const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    /// <summary>2022-02-21 06:02:56.532 UTC (the documentation's example timestamp 1645423376532 ms).</summary>
    public const long WallStart = 1_645_423_376_532_000_000;

    public Harness(long session = 3, int maxOrders = 256)
    {
        Registry = new InstrumentRegistry();
        Btc = Registry.Add(BinanceVenue.SpotName, "BTCUSDT", 2, 8);
        Eth = Registry.Add(BinanceVenue.SpotName, "ETHUSDT", 4, 4);
        Other = Registry.Add("bitfinex", "tBTCUSD", 4, 8);
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
        Credentials = new VenueCredentials(Key, Secret);
        Gateway = new BinanceOrderGateway(Engine, Registry, Credentials, Wall);
        Gateway.LoadFilters(BinanceExchangeInfo.Load(DocMessages.ExchangeInfo, Registry));
        Transport = new RecordingTransport();
    }

    public InstrumentRegistry Registry { get; }

    public Instrument Btc { get; }

    public Instrument Eth { get; }

    public Instrument Other { get; }

    public ReplayClock Clock { get; }

    public FixedWallClock Wall { get; }

    public ClientOrderIdSource Ids { get; }

    public TradingEngine Engine { get; }

    public VenueCredentials Credentials { get; }

    public BinanceOrderGateway Gateway { get; }

    public RecordingTransport Transport { get; }

    public MarketState Market => new(BookSyncState.InSync, Clock.NowNanos(), new Price(5_000_000));

    /// <summary>Attaches the transport and answers the subscription; returns what was sent.</summary>
    public List<string> MakeReady()
    {
        Gateway.Attach(Transport, isLoopback: true);
        var sent = Transport.Take();
        Feed("""{"id":"s1","status":200,"result":{"subscriptionId":0},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":2}]}""");
        Assert.That(Gateway.State, Is.EqualTo(BinanceGatewayState.Ready), Gateway.LastAuthError);
        return sent;
    }

    public void Feed(string message) => Gateway.OnMessage(Encoding.UTF8.GetBytes(message));

    public OrderRequest Request(Side side, string price, string quantity, Instrument? instrument = null, OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.GoodTillCancel)
    {
        instrument ??= Btc;
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(price), instrument.PriceScale, out var px);
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(quantity), instrument.SizeScale, out var qty);
        return new OrderRequest(instrument.Id, side, type, tif, new Price(px), new Quantity(qty));
    }

    /// <summary>Places an order through the gateway (price and quantity as decimal text at the instrument scales).</summary>
    public long Place(Side side, string price, string quantity, Instrument? instrument = null, OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.GoodTillCancel)
    {
        var status = Gateway.TrySubmit(Request(side, price, quantity, instrument, type, tif), Market, out var reason, out var id);
        Assert.That(status, Is.EqualTo(SubmitStatus.Accepted), reason.ToString());
        return id;
    }

    public Order Order(long clientOrderId)
    {
        Assert.That(Engine.Orders.TryGet(clientOrderId, out var order), Is.True);
        return order;
    }

    public static string VenueId(long clientOrderId, int generation = 0)
    {
        var buffer = new byte[BinanceClientIds.MaxLength];
        Assert.That(BinanceClientIds.TryFormat(clientOrderId, generation, buffer, out var n), Is.True);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}
