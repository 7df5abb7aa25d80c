using System.Text;
using Velox.Core.Numerics;
using Velox.MarketData;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// The order-entry side of the simulated Binance spot exchange, shared by every WebSocket API connection: the
/// <see cref="MatchingEngine"/> (accounts, balances, resting orders) trading against the shared
/// <see cref="VenueExchange"/> book (our taker orders consume its levels, which clients then see in the depth
/// stream, and print public trades), the exchangeInfo filters per symbol, and the table of client order ids
/// (Binance ids are strings; the engine numbers orders). Resting orders fill as makers when the generated
/// market trades through them or its book moves across them.
/// </summary>
public sealed class BinanceOrderEntry : IVenueMarketListener, ISyntheticLiquidity
{
    private static readonly string[] QuoteAssets = ["USDT", "USDC", "FDUSD", "BTC", "ETH", "BNB"];

    private readonly VenueExchange _exchange;
    private readonly Dictionary<long, BinanceSimOrder> _orders = [];
    private readonly Dictionary<string, long> _byClientId = new(StringComparer.Ordinal);
    private readonly Lock _ordersLock = new();
    private long _generatedIds;

    /// <summary>Creates order entry over <paramref name="exchange"/> for <paramref name="accounts"/> (default: <see cref="Demo"/>).</summary>
    public BinanceOrderEntry(VenueExchange exchange, IReadOnlyList<SimAccount>? accounts = null, FeeSchedule? fees = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        _exchange = exchange;
        var count = exchange.Market.Count;
        var specs = new SimInstrumentSpec[count];
        BaseAssets = new string[count];
        QuoteAssetsOf = new string[count];
        for (var i = 0; i < count; i++)
        {
            var spec = exchange.Market[i].Spec;
            var quote = QuoteAssets.FirstOrDefault(q => spec.Symbol.Length > q.Length && spec.Symbol.EndsWith(q, StringComparison.Ordinal))
                ?? throw new ArgumentException($"symbol {spec.Symbol}: no known quote asset");
            BaseAssets[i] = spec.Symbol[..^quote.Length];
            QuoteAssetsOf[i] = quote;

            // The engine splits "tBASE:QUOTE"; prices, sizes and ticks stay the exchange's.
            specs[i] = spec with { Symbol = $"t{BaseAssets[i]}:{quote}" };
        }

        Fees = fees ?? new FeeSchedule { MakerBps = 10, TakerBps = 10 };
        Engine = new MatchingEngine(specs, accounts ?? [Demo], Fees, seed);
        Seed = seed;
        exchange.Listener = this;
    }

    /// <summary>The demo account of the simulated Binance (key velox-sim-key, secret velox-sim-secret; USDT, BTC and ETH).</summary>
    public static SimAccount Demo { get; } = new()
    {
        ApiKey = SimAccount.Demo.ApiKey,
        ApiSecret = SimAccount.Demo.ApiSecret,
        UserId = 2_000_001,
        Balances = new Dictionary<string, string>
        {
            ["USDT"] = "1000000",
            ["BTC"] = "10",
            ["ETH"] = "100",
        },
    };

    /// <summary>Accounts, balances and resting orders.</summary>
    public MatchingEngine Engine { get; }

    /// <summary>Maker/taker fees (Binance's base tier: 0.1 % both).</summary>
    public FeeSchedule Fees { get; }

    /// <summary>The shared market orders trade against.</summary>
    public VenueExchange Exchange => _exchange;

    /// <summary>Seed of the id streams and the disconnect coin.</summary>
    public int Seed { get; }

    /// <summary>Base asset per instrument (e.g. BTC).</summary>
    public string[] BaseAssets { get; }

    /// <summary>Quote asset per instrument (e.g. USDT).</summary>
    public string[] QuoteAssetsOf { get; }

    /// <summary>Largest allowed |server time − timestamp| ahead of the server, ms (Binance: 1000).</summary>
    public int MaxClockAheadMillis { get; init; } = 1_000;

    /// <summary>The server's wall clock, Unix ms (the clients sign with theirs).</summary>
    public Func<long> WallMillis { get; init; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>How long a DelayAck fault holds the next order's answers back, ms.</summary>
    public int DelayAckMillis { get; set; } = 300;

    /// <summary>LOT_SIZE stepSize of an instrument (raw at its size scale).</summary>
    public long StepSize(int instrument)
    {
        var spec = _exchange.Market[instrument].Spec;
        return (long)FixedPoint.Pow10(spec.SizeScale - spec.SizeDecimals);
    }

    /// <summary>NOTIONAL minNotional of every symbol, in quote units (Binance spot BTCUSDT: 5).</summary>
    public long MinNotionalWhole { get; init; } = 5;

    /// <summary>Writes the exchangeInfo document (REST body, or the WebSocket API result object).</summary>
    public void WriteExchangeInfo(Bitfinex.FrameWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Raw("{\"timezone\":\"UTC\",\"serverTime\":"u8);
        writer.Integer(WallMillis());
        writer.Raw(",\"rateLimits\":[],\"exchangeFilters\":[],\"symbols\":["u8);
        for (var i = 0; i < _exchange.Market.Count; i++)
        {
            var spec = _exchange.Market[i].Spec;
            var one = (long)FixedPoint.Pow10(spec.PriceScale);
            writer.Raw(i == 0 ? "{\"symbol\":"u8 : ",{\"symbol\":"u8);
            writer.Quoted(spec.Symbol);
            writer.Raw(",\"status\":\"TRADING\",\"baseAsset\":"u8);
            writer.Quoted(BaseAssets[i]);
            writer.Raw(",\"baseAssetPrecision\":8,\"quoteAsset\":"u8);
            writer.Quoted(QuoteAssetsOf[i]);
            writer.Raw(",\"quotePrecision\":8,\"quoteAssetPrecision\":8,\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\"],\"isSpotTradingAllowed\":true,\"filters\":["u8);
            writer.Raw("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":"u8);
            Decimal(writer, spec.TickRaw, spec.PriceScale);
            writer.Raw(",\"maxPrice\":"u8);
            Decimal(writer, 1_000_000 * one, spec.PriceScale);
            writer.Raw(",\"tickSize\":"u8);
            Decimal(writer, spec.TickRaw, spec.PriceScale);
            writer.Raw("},{\"filterType\":\"LOT_SIZE\",\"minQty\":"u8);
            Decimal(writer, StepSize(i), spec.SizeScale);
            writer.Raw(",\"maxQty\":"u8);
            Decimal(writer, 9_000 * (long)FixedPoint.Pow10(spec.SizeScale), spec.SizeScale);
            writer.Raw(",\"stepSize\":"u8);
            Decimal(writer, StepSize(i), spec.SizeScale);
            writer.Raw("},{\"filterType\":\"NOTIONAL\",\"minNotional\":"u8);
            Decimal(writer, MinNotionalWhole * one, spec.PriceScale);
            writer.Raw(",\"applyMinToMarket\":true,\"maxNotional\":"u8);
            Decimal(writer, 9_000_000 * one, spec.PriceScale);
            writer.Raw(",\"applyMaxToMarket\":false,\"avgPriceMins\":5}]}"u8);
        }

        writer.Raw("]}"u8);
    }

    /// <summary>Open orders of <paramref name="account"/> on <paramref name="instrument"/> (-1: all), oldest first.</summary>
    public List<SimOrderSnapshot> OpenOrders(int account, int instrument)
    {
        var all = new List<SimOrderSnapshot>();
        Engine.CopyOpenOrders(account, all);
        return instrument < 0 ? all : all.FindAll(o => o.Instrument == instrument);
    }

    /// <summary>Open orders of every account on every instrument.</summary>
    public int OpenOrderCount()
    {
        var count = 0;
        for (var a = 0; a < Engine.AccountCount; a++)
        {
            count += Engine.OpenOrderCount(a);
        }

        return count;
    }

    /// <inheritdoc/>
    public void OnMarketEvent(in MarketEvent e)
    {
        if (e.Kind == MarketEventKind.Trade)
        {
            for (var a = 0; a < Engine.AccountCount; a++)
            {
                Engine.OnSyntheticTrade(a, e.Instrument, e.Trade.PriceRaw, e.Trade.AmountRaw, WallMillis());
            }
        }
        else if (e.Kind == MarketEventKind.Level && e.Change == LevelChange.Insert && e.LevelIndex == 0)
        {
            OnBookShifted(e.Instrument);
        }
    }

    /// <inheritdoc/>
    public void OnBookShifted(int instrument)
    {
        for (var a = 0; a < Engine.AccountCount; a++)
        {
            Engine.OnSyntheticBook(a, instrument, this, WallMillis());
        }
    }

    /// <inheritdoc/>
    public int Depth(int instrument, bool bids) => (bids ? _exchange.Market[instrument].Bids : _exchange.Market[instrument].Asks).Depth;

    /// <inheritdoc/>
    public BookLevel Level(int instrument, bool bids, int index) => (bids ? _exchange.Market[instrument].Bids : _exchange.Market[instrument].Asks)[index];

    /// <inheritdoc/>
    public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts) =>
        _exchange.ConsumeBest(instrument, bids, size, tradePrice, takerBuys);

    /// <summary>Records a placed order under its engine id and client id.</summary>
    internal void Register(BinanceSimOrder order)
    {
        lock (_ordersLock)
        {
            _orders[order.OrderId] = order;
            _byClientId[order.ClientId] = order.OrderId;
        }
    }

    /// <summary>The order the engine numbers <paramref name="orderId"/>, or null.</summary>
    internal BinanceSimOrder? Find(long orderId)
    {
        lock (_ordersLock)
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    /// <summary>The engine id of the order placed as <paramref name="clientId"/>, or 0.</summary>
    internal long FindByClientId(string clientId)
    {
        lock (_ordersLock)
        {
            return _byClientId.GetValueOrDefault(clientId);
        }
    }

    /// <summary>
    /// The current state of engine order <paramref name="orderId"/> of <paramref name="account"/> on <paramref name="instrument"/>:
    /// open in the engine, or as it closed (the engine's per-account history of closed orders); false when the account has no such order.
    /// </summary>
    internal bool TryGetState(int account, int instrument, long orderId, out SimOrderSnapshot state)
    {
        var open = OpenOrders(account, instrument);
        var index = open.FindIndex(o => o.Id == orderId);
        if (index >= 0)
        {
            state = open[index];
            return true;
        }

        var closed = new List<SimOrderSnapshot>(1);
        Engine.CopyClosedOrders(account, instrument, [orderId], 1, closed);
        state = closed.Count > 0 ? closed[0] : default;
        return closed.Count > 0;
    }

    /// <summary>
    /// Trades of <paramref name="account"/> on <paramref name="instrument"/> (from the engine's per-account fill history), oldest
    /// first, as <c>myTrades</c> selects them: of one order (<paramref name="orderId"/> &gt; 0), from trade id <paramref name="fromId"/>
    /// on (&gt; 0), within [<paramref name="startMillis"/>, <paramref name="endMillis"/>]; at most <paramref name="limit"/>, the first
    /// ones from <paramref name="fromId"/> or <paramref name="startMillis"/>, else the most recent ones.
    /// </summary>
    internal List<BinanceSimTrade> Trades(int account, int instrument, long orderId, long fromId, long startMillis, long endMillis, int limit)
    {
        var fills = new List<ExecutionEvent>();
        Engine.CopyInstrumentFills(account, instrument, fills);
        var found = new List<BinanceSimTrade>();
        for (var i = fills.Count - 1; i >= 0; i--)
        {
            var e = fills[i];
            if ((orderId <= 0 || e.Order.Id == orderId) && e.TradeId >= fromId && e.Mts >= startMillis && e.Mts <= endMillis)
            {
                found.Add(new BinanceSimTrade(e.TradeId, e.Order.Id, e.ExecAmount > 0, e.ExecPrice, Math.Abs(e.ExecAmount), -e.Fee, e.Currency, e.Maker, e.Mts));
            }
        }

        if (found.Count > limit)
        {
            found = fromId > 0 || startMillis > 0 ? found[..limit] : found[^limit..];
        }

        return found;
    }

    /// <summary>A fresh client id for a cancel the server names (Binance generates one when none is given).</summary>
    internal string NextGeneratedId() => "sim" + Interlocked.Increment(ref _generatedIds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes raw/10^scale with every decimal, quoted, as Binance prints amounts.</summary>
    internal static void Decimal(Bitfinex.FrameWriter writer, long raw, int scale)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = DecimalText.WriteFixed(raw, scale, scale, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }

    /// <summary>The exchangeInfo document as bytes (REST).</summary>
    public byte[] ExchangeInfoBody()
    {
        var writer = new Bitfinex.FrameWriter(8 * 1024);
        WriteExchangeInfo(writer);
        return writer.Written.ToArray();
    }

    /// <summary>Balances of <paramref name="account"/> as "ASSET free locked" lines (diagnostics).</summary>
    public string DescribeBalances(int account)
    {
        var balances = new long[Engine.Currencies.Count];
        var available = new long[Engine.Currencies.Count];
        Engine.CopyWallets(account, balances, available);
        var text = new StringBuilder();
        for (var c = 0; c < balances.Length; c++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Engine.Currencies[c]} {(decimal)balances[c] / 100_000_000m} ");
        }

        return text.ToString().TrimEnd();
    }
}
