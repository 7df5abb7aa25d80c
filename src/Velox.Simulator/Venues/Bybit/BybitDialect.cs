using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Bybit;

/// <summary>
/// Bybit v5 public spot: <c>orderbook.1000.&lt;symbol&gt;</c> snapshot/delta and <c>publicTrade.&lt;symbol&gt;</c>.
/// A depth frame is logged as the inside of the <c>data</c> object without <c>u</c> (<c>"s":..,"b":..,"a":..</c>):
/// <c>u</c> counts messages per topic per connection, so each connection completes the frame itself.
/// Numbers print trimmed ("60000.5", "0.012").
/// </summary>
public sealed class BybitDialect : VenueDialect
{
    /// <summary>Venue name.</summary>
    public const string VenueName = "bybit";

    /// <summary>The only book depth served: the whole simulated book fits in it, so no window is kept.</summary>
    public const int BookDepth = 1000;

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTCUSDT"), VenueInstruments.Eth("ETHUSDT")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        writer.Raw("\"s\":"u8);
        writer.Quoted(market.Spec.Symbol);
        writer.Raw(",\"b\":["u8);
        WriteChanged(writer, market.Bids, changes.Bids, market.Spec);
        writer.Raw("],\"a\":["u8);
        WriteChanged(writer, market.Asks, changes.Asks, market.Spec);
        writer.Byte((byte)']');
    }

    /// <summary>The inside of a snapshot's data object: every level of the book.</summary>
    public static void WriteSnapshotBody(FrameWriter writer, InstrumentMarket market)
    {
        writer.Raw("\"s\":"u8);
        writer.Quoted(market.Spec.Symbol);
        writer.Raw(",\"b\":["u8);
        for (var i = 0; i < market.Bids.Depth; i++)
        {
            WriteLevel(writer, i, market.Bids[i].Price, market.Bids[i].Size, market.Spec);
        }

        writer.Raw("],\"a\":["u8);
        for (var i = 0; i < market.Asks.Depth; i++)
        {
            WriteLevel(writer, i, market.Asks[i].Price, market.Asks[i].Size, market.Spec);
        }

        writer.Byte((byte)']');
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        writer.Raw("{\"topic\":\"publicTrade."u8);
        writer.Raw(System.Text.Encoding.ASCII.GetBytes(spec.Symbol));
        writer.Raw("\",\"type\":\"snapshot\",\"ts\":"u8);
        writer.Integer(eventMillis);
        writer.Raw(",\"data\":[{\"T\":"u8);
        writer.Integer(trade.Mts);
        writer.Raw(",\"s\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(trade.AmountRaw < 0 ? ",\"S\":\"Sell\",\"v\":"u8 : ",\"S\":\"Buy\",\"v\":"u8);
        Trimmed(writer, Math.Abs(trade.AmountRaw), spec.SizeScale);
        writer.Raw(",\"p\":"u8);
        Trimmed(writer, trade.PriceRaw, spec.PriceScale);
        writer.Raw(",\"i\":\""u8);
        writer.Integer(trade.Id);
        writer.Raw("\",\"BT\":false}]}"u8);
    }

    private static void WriteChanged(FrameWriter writer, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec)
    {
        for (var i = 0; i < prices.Length; i++)
        {
            var index = side.Find(prices[i], out var found);
            WriteLevel(writer, i, prices[i], found ? side[index].Size : 0, spec);
        }
    }

    private static void WriteLevel(FrameWriter writer, int index, long price, long size, SimInstrumentSpec spec)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        Trimmed(writer, price, spec.PriceScale);
        writer.Byte((byte)',');
        Trimmed(writer, size, spec.SizeScale);
        writer.Byte((byte)']');
    }

    private static void Trimmed(FrameWriter writer, long raw, int scale)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = DecimalText.WriteTrimmed(raw, scale, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }
}
