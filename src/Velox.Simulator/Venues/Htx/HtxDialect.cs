using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Htx;

/// <summary>
/// HTX (Huobi) spot market data before compression: <c>market.&lt;symbol&gt;.depth.step0</c> pushes carrying the
/// whole book (best <see cref="StepDepth"/> levels per side, <c>[price,size]</c> unquoted numbers, <c>version</c>
/// = the exchange's last update id) whenever it changed, and <c>market.&lt;symbol&gt;.trade.detail</c> with trade
/// ids consecutive per symbol as HTX numbers them. Each connection gzips what it sends (<see cref="HtxConnection"/>).
/// </summary>
public sealed class HtxDialect : VenueDialect
{
    /// <summary>Venue name.</summary>
    public const string VenueName = "htx";

    /// <summary>Levels per side of a depth.step0 push.</summary>
    public const int StepDepth = 150;

    private long[] _tradeIds = [];

    /// <summary>The instruments served by default (HTX writes symbols in lower case).</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("btcusdt"), VenueInstruments.Eth("ethusdt")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis) =>
        WriteBook(writer, market, lastId, eventMillis);

    /// <summary>The depth.step0 push of <paramref name="market"/>'s current book as of update id <paramref name="version"/>.</summary>
    public static void WriteBook(FrameWriter writer, InstrumentMarket market, long version, long eventMillis)
    {
        WriteChannel(writer, market.Spec.Symbol, ".depth.step0"u8, eventMillis);
        writer.Raw(",\"tick\":{\"bids\":["u8);
        WriteSide(writer, market.Bids, market.Spec);
        writer.Raw("],\"asks\":["u8);
        WriteSide(writer, market.Asks, market.Spec);
        writer.Raw("],\"version\":"u8);
        writer.Integer(version);
        writer.Raw(",\"ts\":"u8);
        writer.Integer(eventMillis);
        writer.Raw("}}"u8);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        if (_tradeIds.Length <= market.Index)
        {
            var first = _tradeIds.Length;
            Array.Resize(ref _tradeIds, market.Index + 1);
            for (var i = first; i < _tradeIds.Length; i++)
            {
                _tradeIds[i] = 100_000_000_000L * (i + 1);
            }
        }

        var spec = market.Spec;
        var tradeId = ++_tradeIds[market.Index];
        WriteChannel(writer, spec.Symbol, ".trade.detail"u8, eventMillis);
        writer.Raw(",\"tick\":{\"id\":"u8);
        writer.Integer(trade.Id);
        writer.Raw(",\"ts\":"u8);
        writer.Integer(trade.Mts);
        // HTX's per-trade "id" is a 27-digit number (beyond 64 bits), as in the recording.
        writer.Raw(",\"data\":[{\"id\":"u8);
        writer.Integer(trade.Id);
        writer.Raw("255757567432481,\"ts\":"u8);
        writer.Integer(trade.Mts);
        writer.Raw(",\"tradeId\":"u8);
        writer.Integer(tradeId);
        writer.Raw(",\"amount\":"u8);
        Trimmed(writer, Math.Abs(trade.AmountRaw), spec.SizeScale);
        writer.Raw(",\"price\":"u8);
        Trimmed(writer, trade.PriceRaw, spec.PriceScale);
        writer.Raw(trade.AmountRaw < 0 ? ",\"direction\":\"sell\"}]}}"u8 : ",\"direction\":\"buy\"}]}}"u8);
    }

    private static void WriteChannel(FrameWriter writer, string symbol, ReadOnlySpan<byte> suffix, long eventMillis)
    {
        writer.Raw("{\"ch\":\"market."u8);
        foreach (var c in symbol)
        {
            writer.Byte((byte)c);
        }

        writer.Raw(suffix);
        writer.Raw("\",\"ts\":"u8);
        writer.Integer(eventMillis);
    }

    private static void WriteSide(FrameWriter writer, ExchangeBookSide side, SimInstrumentSpec spec)
    {
        var depth = Math.Min(side.Depth, StepDepth);
        for (var i = 0; i < depth; i++)
        {
            writer.Raw(i == 0 ? "["u8 : ",["u8);
            Trimmed(writer, side[i].Price, spec.PriceScale);
            writer.Byte((byte)',');
            Trimmed(writer, side[i].Size, spec.SizeScale);
            writer.Byte((byte)']');
        }
    }

    private static void Trimmed(FrameWriter writer, long raw, int scale)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        writer.Raw(text[..DecimalText.WriteTrimmed(raw, scale, text)]);
    }
}
