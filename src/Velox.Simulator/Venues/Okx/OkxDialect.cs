using Velox.Core.Hashing;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Okx;

/// <summary>
/// OKX v5 public market data: <c>books</c> snapshot and update messages (levels
/// <c>[px, sz, "0", orders]</c>, trimmed decimals, a signed CRC-32 <c>checksum</c> over the top 25 levels
/// interleaved <c>bidPx:bidSz:askPx:askSz</c> as printed, <c>seqId</c>/<c>prevSeqId</c>) and <c>trades</c>.
/// </summary>
public sealed class OkxDialect : VenueDialect
{
    /// <summary>Registry venue name (as the client uses).</summary>
    public const string VenueName = "okx";

    /// <summary>Levels per side the checksum covers.</summary>
    public const int ChecksumDepth = 25;

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTC-USDT"), VenueInstruments.Eth("ETH-USDT")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        WriteArg(writer, "books"u8, market.Spec.Symbol);
        writer.Raw(",\"action\":\"update\",\"data\":[{\"asks\":["u8);
        WriteChanged(writer, market.Asks, changes.Asks, market.Spec);
        writer.Raw("],\"bids\":["u8);
        WriteChanged(writer, market.Bids, changes.Bids, market.Spec);
        WriteTail(writer, market, eventMillis, lastId, previousId);
    }

    /// <summary>The snapshot message of <paramref name="market"/> as of update id <paramref name="seqId"/>.</summary>
    public static void WriteSnapshot(FrameWriter writer, InstrumentMarket market, long seqId, long eventMillis)
    {
        WriteArg(writer, "books"u8, market.Spec.Symbol);
        writer.Raw(",\"action\":\"snapshot\",\"data\":[{\"asks\":["u8);
        WriteAll(writer, market.Asks, market.Spec);
        writer.Raw("],\"bids\":["u8);
        WriteAll(writer, market.Bids, market.Spec);
        WriteTail(writer, market, eventMillis, seqId, -1);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        WriteArg(writer, "trades"u8, spec.Symbol);
        writer.Raw(",\"data\":[{\"instId\":"u8);
        writer.Quoted(spec.Symbol);
        writer.Raw(",\"tradeId\":\""u8);
        writer.Integer(trade.Id);
        writer.Raw("\",\"px\":"u8);
        Trimmed(writer, trade.PriceRaw, spec.PriceScale);
        writer.Raw(",\"sz\":"u8);
        Trimmed(writer, Math.Abs(trade.AmountRaw), spec.SizeScale);
        writer.Raw(trade.AmountRaw < 0 ? ",\"side\":\"sell\",\"ts\":\""u8 : ",\"side\":\"buy\",\"ts\":\""u8);
        writer.Integer(trade.Mts);
        writer.Raw("\",\"count\":\"1\"}]}"u8);
    }

    /// <summary>The checksum of the book's top 25 levels per side, as the client computes it from the printed text.</summary>
    public static int Checksum(InstrumentMarket market)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var state = Crc32.Initial;
        var first = true;
        var depth = Math.Min(ChecksumDepth, Math.Max(market.Bids.Depth, market.Asks.Depth));
        for (var i = 0; i < depth; i++)
        {
            if (i < market.Bids.Depth)
            {
                state = AppendLevel(state, market.Bids[i].Price, market.Bids[i].Size, market.Spec, text, ref first);
            }

            if (i < market.Asks.Depth)
            {
                state = AppendLevel(state, market.Asks[i].Price, market.Asks[i].Size, market.Spec, text, ref first);
            }
        }

        return (int)Crc32.Finish(state);
    }

    private static uint AppendLevel(uint state, long price, long size, SimInstrumentSpec spec, Span<byte> text, ref bool first)
    {
        if (!first)
        {
            state = Crc32.Append(state, (byte)':');
        }

        first = false;
        state = Crc32.Append(state, text[..DecimalText.WriteTrimmed(price, spec.PriceScale, text)]);
        state = Crc32.Append(state, (byte)':');
        return Crc32.Append(state, text[..DecimalText.WriteTrimmed(size, spec.SizeScale, text)]);
    }

    private static void WriteArg(FrameWriter writer, ReadOnlySpan<byte> channel, string instId)
    {
        writer.Raw("{\"arg\":{\"channel\":\""u8);
        writer.Raw(channel);
        writer.Raw("\",\"instId\":"u8);
        writer.Quoted(instId);
        writer.Byte((byte)'}');
    }

    private static void WriteTail(FrameWriter writer, InstrumentMarket market, long eventMillis, long seqId, long prevSeqId)
    {
        writer.Raw("],\"ts\":\""u8);
        writer.Integer(eventMillis);
        writer.Raw("\",\"checksum\":"u8);
        writer.Integer(Checksum(market));
        writer.Raw(",\"seqId\":"u8);
        writer.Integer(seqId);
        writer.Raw(",\"prevSeqId\":"u8);
        writer.Integer(prevSeqId);
        writer.Raw("}]}"u8);
    }

    private static void WriteChanged(FrameWriter writer, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec)
    {
        for (var i = 0; i < prices.Length; i++)
        {
            var index = side.Find(prices[i], out var found);
            WriteLevel(writer, i, prices[i], found ? side[index].Size : 0, found ? side[index].Count : 0, spec);
        }
    }

    private static void WriteAll(FrameWriter writer, ExchangeBookSide side, SimInstrumentSpec spec)
    {
        for (var i = 0; i < side.Depth; i++)
        {
            WriteLevel(writer, i, side[i].Price, side[i].Size, side[i].Count, spec);
        }
    }

    private static void WriteLevel(FrameWriter writer, int index, long price, long size, int orders, SimInstrumentSpec spec)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        Trimmed(writer, price, spec.PriceScale);
        writer.Byte((byte)',');
        Trimmed(writer, size, spec.SizeScale);
        writer.Raw(",\"0\",\""u8);
        writer.Integer(orders);
        writer.Raw("\"]"u8);
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
