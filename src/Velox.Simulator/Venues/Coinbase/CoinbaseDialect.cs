using System.Globalization;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Coinbase;

/// <summary>
/// Coinbase Exchange ws-feed (the legacy feed our session reads) as the shared recording shows it: level2
/// <c>snapshot</c> (the full book) and <c>l2update</c> (<c>["buy"|"sell",price,size]</c> changes, size "0" = gone,
/// no sequence, no checksum), and <c>match</c> (the MAKER's side, trade ids consecutive per product, a rising
/// <c>sequence</c>). Prices print with the tick's decimals, book sizes with all 8, match sizes trimmed.
/// </summary>
public sealed class CoinbaseDialect : VenueDialect
{
    /// <summary>Registry venue name (as the client uses).</summary>
    public const string VenueName = "coinbase";

    private const int SizeDecimals = VenueInstruments.Scale;

    private readonly Dictionary<string, long> _tradeIds = new(StringComparer.Ordinal);
    private long _sequence = 10_000_000_000;

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTC-USD"), VenueInstruments.Eth("ETH-USD")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <summary>The feed sequence of the latest match (under the exchange lock).</summary>
    public long Sequence => _sequence;

    /// <summary>The id of <paramref name="product"/>'s latest match, 0 before the first (under the exchange lock).</summary>
    public long LastTradeId(string product) => _tradeIds.GetValueOrDefault(product);

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        var spec = market.Spec;
        var priceDecimals = LevelText.TickDecimals(spec);
        writer.Raw("{\"type\":\"l2update\",\"product_id\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"changes\":["u8);
        var n = 0;
        foreach (var price in changes.Bids)
        {
            WriteChange(writer, n++, "\"buy\","u8, price, LevelText.SizeAt(market.Bids, price), spec, priceDecimals);
        }

        foreach (var price in changes.Asks)
        {
            WriteChange(writer, n++, "\"sell\","u8, price, LevelText.SizeAt(market.Asks, price), spec, priceDecimals);
        }

        writer.Raw("],\"time\":"u8);
        WriteTime(writer, eventMillis);
        writer.Byte((byte)'}');
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;

        // Trade ids count per product; the sequence is the product's full feed, which matches only sample.
        var tradeId = _tradeIds.GetValueOrDefault(spec.Symbol, 100_000) + 1;
        _tradeIds[spec.Symbol] = tradeId;
        _sequence += 1 + (trade.Id % 7);
        writer.Raw("{\"type\":\"match\",\"trade_id\":"u8);
        writer.Integer(tradeId);
        writer.Raw(",\"maker_order_id\":"u8);
        WriteOrderId(writer, trade.Id, 0xa);
        writer.Raw(",\"taker_order_id\":"u8);
        WriteOrderId(writer, trade.Id, 0xb);

        // side is the maker's: a taker sale (negative amount) hit a resting buy.
        writer.Raw(trade.AmountRaw < 0 ? ",\"side\":\"buy\",\"size\":"u8 : ",\"side\":\"sell\",\"size\":"u8);
        LevelText.Quoted(writer, Math.Abs(trade.AmountRaw), spec.SizeScale, LevelText.Trimmed);
        writer.Raw(",\"price\":"u8);
        LevelText.Quoted(writer, trade.PriceRaw, spec.PriceScale, LevelText.TickDecimals(spec));
        writer.Raw(",\"product_id\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"sequence\":"u8);
        writer.Integer(_sequence);
        writer.Raw(",\"time\":"u8);
        WriteTime(writer, trade.Mts);
        writer.Byte((byte)'}');
    }

    /// <summary>The level2 snapshot: every level of the book, asks then bids as the venue sends them.</summary>
    public static void WriteSnapshot(FrameWriter writer, InstrumentMarket market)
    {
        var spec = market.Spec;
        var priceDecimals = LevelText.TickDecimals(spec);
        writer.Raw("{\"type\":\"snapshot\",\"product_id\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"asks\":["u8);
        LevelText.Best(writer, market.Asks, market.Asks.Depth, spec, priceDecimals, SizeDecimals);
        writer.Raw("],\"bids\":["u8);
        LevelText.Best(writer, market.Bids, market.Bids.Depth, spec, priceDecimals, SizeDecimals);
        writer.Raw("]}"u8);
    }

    /// <summary>A quoted ISO-8601 UTC time with microseconds, as the feed prints it: <c>"2021-04-17T16:43:37.075687Z"</c>.</summary>
    public static void WriteTime(FrameWriter writer, long unixMillis)
    {
        Span<byte> text = stackalloc byte[32];
        DateTime.UnixEpoch.AddMilliseconds(unixMillis).TryFormat(text, out var n, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }

    private static void WriteChange(FrameWriter writer, int index, ReadOnlySpan<byte> side, long price, long size, SimInstrumentSpec spec, int priceDecimals)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        writer.Raw(side);
        LevelText.Quoted(writer, price, spec.PriceScale, priceDecimals);
        writer.Byte((byte)',');
        LevelText.Quoted(writer, size, spec.SizeScale, SizeDecimals);
        writer.Byte((byte)']');
    }

    /// <summary>A UUID-shaped order id derived from the trade id (the feed's ids are UUIDs).</summary>
    private static void WriteOrderId(FrameWriter writer, long tradeId, int kind)
    {
        Span<byte> hex = stackalloc byte[12];
        tradeId.TryFormat(hex, out _, "x12", CultureInfo.InvariantCulture);
        writer.Raw("\"0000000"u8);
        writer.Byte((byte)(kind < 10 ? '0' + kind : 'a' + kind - 10));
        writer.Raw("-0000-4000-8000-"u8);
        writer.Raw(hex);
        writer.Byte((byte)'"');
    }
}
