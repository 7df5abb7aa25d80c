using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// Binance spot market data: <c>depthUpdate</c> diffs with U/u (one id per changed level), <c>trade</c>
/// events, and the REST depth snapshot body. Numbers print with all 8 decimals, as Binance spot does.
/// The USD-M futures variant adds the transaction time <c>T</c> and <c>pu</c> (the previous diff's <c>u</c>)
/// to diffs, and <c>E</c>/<c>T</c> to snapshots, as in the shared fstream recordings.
/// </summary>
public sealed class BinanceDialect : VenueDialect
{
    /// <summary>Registry venue name of spot (as the client uses).</summary>
    public const string VenueName = "binance";

    /// <summary>Registry venue name of USD-M futures (as the client uses).</summary>
    public const string UsdmVenueName = "binance-usdm";

    /// <summary>Creates the spot dialect, or the USD-M futures one when <paramref name="usdmFutures"/>.</summary>
    public BinanceDialect(bool usdmFutures = false) => UsdmFutures = usdmFutures;

    /// <summary>True for USD-M futures (fstream/fapi), false for spot.</summary>
    public bool UsdmFutures { get; }

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTCUSDT"), VenueInstruments.Eth("ETHUSDT")];

    /// <inheritdoc />
    public override string Name => UsdmFutures ? UsdmVenueName : VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        writer.Raw("{\"e\":\"depthUpdate\",\"E\":"u8);
        writer.Integer(eventMillis);
        if (UsdmFutures)
        {
            writer.Raw(",\"T\":"u8);
            writer.Integer(eventMillis);
        }

        writer.Raw(",\"s\":"u8);
        writer.Quoted(market.Spec.Symbol);
        writer.Raw(",\"U\":"u8);
        writer.Integer(firstId);
        writer.Raw(",\"u\":"u8);
        writer.Integer(lastId);
        if (UsdmFutures)
        {
            writer.Raw(",\"pu\":"u8);
            writer.Integer(previousId);
        }

        writer.Raw(",\"b\":["u8);
        WriteChanged(writer, market.Bids, changes.Bids, market.Spec);
        writer.Raw("],\"a\":["u8);
        WriteChanged(writer, market.Asks, changes.Asks, market.Spec);
        writer.Raw("]}"u8);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        writer.Raw("{\"e\":\"trade\",\"E\":"u8);
        writer.Integer(eventMillis);
        writer.Raw(",\"s\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"t\":"u8);
        writer.Integer(trade.Id);
        writer.Raw(",\"p\":"u8);
        Fixed(writer, trade.PriceRaw, spec.PriceScale);
        writer.Raw(",\"q\":"u8);
        Fixed(writer, Math.Abs(trade.AmountRaw), spec.SizeScale);
        writer.Raw(",\"T\":"u8);
        writer.Integer(trade.Mts);

        // m: the buyer was the maker, i.e. the taker sold. Futures trades carry the order type X instead of M.
        writer.Raw(trade.AmountRaw < 0 ? ",\"m\":true"u8 : ",\"m\":false"u8);
        writer.Raw(UsdmFutures ? ",\"X\":\"MARKET\"}"u8 : ",\"M\":true}"u8);
    }

    /// <summary>
    /// The REST snapshot body: <c>{"lastUpdateId":N,"bids":[["p","q"],..],"asks":[..]}</c> with at most
    /// <paramref name="limit"/> levels per side; USD-M futures (<paramref name="usdmFutures"/>) add <c>"E"</c> and
    /// <c>"T"</c> (<paramref name="eventMillis"/>) after the id.
    /// </summary>
    public static void WriteSnapshot(FrameWriter writer, InstrumentMarket market, long lastUpdateId, int limit, bool usdmFutures, long eventMillis)
    {
        writer.Raw("{\"lastUpdateId\":"u8);
        writer.Integer(lastUpdateId);
        if (usdmFutures)
        {
            writer.Raw(",\"E\":"u8);
            writer.Integer(eventMillis);
            writer.Raw(",\"T\":"u8);
            writer.Integer(eventMillis);
        }

        writer.Raw(",\"bids\":["u8);
        WriteLevels(writer, market.Bids, limit, market.Spec);
        writer.Raw("],\"asks\":["u8);
        WriteLevels(writer, market.Asks, limit, market.Spec);
        writer.Raw("]}"u8);
    }

    private static void WriteChanged(FrameWriter writer, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec)
    {
        for (var i = 0; i < prices.Length; i++)
        {
            var index = side.Find(prices[i], out var found);
            WriteLevel(writer, i, prices[i], found ? side[index].Size : 0, spec);
        }
    }

    private static void WriteLevels(FrameWriter writer, ExchangeBookSide side, int limit, SimInstrumentSpec spec)
    {
        var count = Math.Min(limit, side.Depth);
        for (var i = 0; i < count; i++)
        {
            WriteLevel(writer, i, side[i].Price, side[i].Size, spec);
        }
    }

    private static void WriteLevel(FrameWriter writer, int index, long price, long size, SimInstrumentSpec spec)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        Fixed(writer, price, spec.PriceScale);
        writer.Byte((byte)',');
        Fixed(writer, size, spec.SizeScale);
        writer.Byte((byte)']');
    }

    private static void Fixed(FrameWriter writer, long raw, int scale)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = DecimalText.WriteFixed(raw, scale, scale, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }
}
