using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.GateIo;

/// <summary>
/// Gate.io v4 spot market data as the venue printed it in the shared recording: <c>spot.order_book_update</c>
/// diffs (<c>depthUpdate</c> with U/u, one id per changed level, trimmed decimals), <c>spot.trades</c> (amount
/// and price with 10 decimals), and the REST order book <c>{"id":N,"asks":..,"bids":..}</c>.
/// </summary>
public sealed class GateIoDialect : VenueDialect
{
    /// <summary>Registry venue name (as the client uses).</summary>
    public const string VenueName = "gateio";

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTC_USDT"), VenueInstruments.Eth("ETH_USDT")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        WriteHead(writer, "spot.order_book_update"u8, "update"u8, eventMillis);
        writer.Raw(",\"result\":{\"t\":"u8);
        writer.Integer(eventMillis);
        writer.Raw(",\"e\":\"depthUpdate\",\"E\":"u8);
        writer.Integer(eventMillis / 1000);
        writer.Raw(",\"s\":"u8);
        writer.Quoted(market.Spec.Symbol);
        writer.Raw(",\"U\":"u8);
        writer.Integer(firstId);
        writer.Raw(",\"u\":"u8);
        writer.Integer(lastId);
        writer.Raw(",\"b\":["u8);
        LevelText.Changed(writer, market.Bids, changes.Bids, market.Spec, LevelText.Trimmed, LevelText.Trimmed);
        writer.Raw("],\"a\":["u8);
        LevelText.Changed(writer, market.Asks, changes.Asks, market.Spec, LevelText.Trimmed, LevelText.Trimmed);
        writer.Raw("]}}"u8);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        WriteHead(writer, "spot.trades"u8, "update"u8, eventMillis);
        writer.Raw(",\"result\":{\"id\":"u8);
        writer.Integer(trade.Id);
        writer.Raw(",\"create_time\":"u8);
        writer.Integer(trade.Mts / 1000);
        writer.Raw(",\"create_time_ms\":\""u8);
        writer.Integer(trade.Mts);

        // side is the taker's; the recording prints create_time_ms with a fraction and amount/price with 10 decimals.
        writer.Raw(trade.AmountRaw < 0 ? ".0\",\"side\":\"sell\",\"currency_pair\":"u8 : ".0\",\"side\":\"buy\",\"currency_pair\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"amount\":"u8);
        TenDecimals(writer, Math.Abs(trade.AmountRaw), spec.SizeScale);
        writer.Raw(",\"price\":"u8);
        TenDecimals(writer, trade.PriceRaw, spec.PriceScale);
        writer.Raw("}}"u8);
    }

    /// <summary>The REST order book <c>{"id":N,"asks":[..],"bids":[..]}</c> (no id when <paramref name="id"/> is negative), at most <paramref name="limit"/> levels per side.</summary>
    public static void WriteOrderBook(FrameWriter writer, InstrumentMarket market, long id, int limit)
    {
        if (id >= 0)
        {
            writer.Raw("{\"id\":"u8);
            writer.Integer(id);
            writer.Raw(",\"asks\":["u8);
        }
        else
        {
            writer.Raw("{\"asks\":["u8);
        }

        LevelText.Best(writer, market.Asks, limit, market.Spec, LevelText.Trimmed, LevelText.Trimmed);
        writer.Raw("],\"bids\":["u8);
        LevelText.Best(writer, market.Bids, limit, market.Spec, LevelText.Trimmed, LevelText.Trimmed);
        writer.Raw("]}"u8);
    }

    /// <summary><c>{"time":S,"channel":C,"event":E</c> (the object is left open).</summary>
    public static void WriteHead(FrameWriter writer, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> eventName, long nowMillis)
    {
        writer.Raw("{\"time\":"u8);
        writer.Integer(nowMillis / 1000);
        writer.Raw(",\"channel\":\""u8);
        writer.Raw(channel);
        writer.Raw("\",\"event\":\""u8);
        writer.Raw(eventName);
        writer.Byte((byte)'"');
    }

    private static void TenDecimals(FrameWriter writer, long raw, int scale)
    {
        // The instruments carry 8 decimals; Gate.io prints 10, the last ones zero.
        LevelText.Quoted(writer, raw, scale, scale);
        writer.Truncate(1);
        for (var i = scale; i < 10; i++)
        {
            writer.Byte((byte)'0');
        }

        writer.Byte((byte)'"');
    }
}
