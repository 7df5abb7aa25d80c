using Velox.Core.Hashing;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Kraken;

/// <summary>
/// Kraken WebSocket v1 public: <c>book-1000</c> snapshot (<c>as</c>/<c>bs</c>) and updates (<c>a</c> and/or
/// <c>b</c> dicts, the last one with <c>"c"</c>: the CRC-32 of the top 10 asks then top 10 bids, price and
/// volume text without '.' and leading zeros, unsigned), and <c>trade</c>. Channel ids belong to each
/// connection, so a logged frame is only the payload between the channel id and the channel name.
/// Prices print with 2 decimals, volumes with 8, as Kraken prints XBT/USD and ETH/USD.
/// </summary>
public sealed class KrakenDialect : VenueDialect
{
    /// <summary>Venue name.</summary>
    public const string VenueName = "kraken";

    /// <summary>The only book depth served: the whole simulated book fits in it, so no window is kept.</summary>
    public const int BookDepth = 1000;

    /// <summary>Levels per side the checksum covers.</summary>
    public const int ChecksumDepth = 10;

    private const int PriceDecimals = 2;
    private const int VolumeDecimals = 8;

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("XBT/USD"), VenueInstruments.Eth("ETH/USD")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        // One dict per side that changed, as Kraken sends them; the checksum goes into the last one.
        if (changes.AskCount > 0)
        {
            writer.Raw("{\"a\":["u8);
            WriteChanged(writer, market.Asks, changes.Asks, market.Spec, eventMillis);
            writer.Byte((byte)']');
            if (changes.BidCount > 0)
            {
                writer.Raw("},"u8);
            }
        }

        if (changes.BidCount > 0)
        {
            writer.Raw("{\"b\":["u8);
            WriteChanged(writer, market.Bids, changes.Bids, market.Spec, eventMillis);
            writer.Byte((byte)']');
        }

        writer.Raw(",\"c\":\""u8);
        writer.Integer(Checksum(market));
        writer.Raw("\"}"u8);
    }

    /// <summary>The snapshot payload <c>{"as":[..],"bs":[..]}</c>: every level of the book.</summary>
    public static void WriteSnapshot(FrameWriter writer, InstrumentMarket market, long eventMillis)
    {
        writer.Raw("{\"as\":["u8);
        for (var i = 0; i < market.Asks.Depth; i++)
        {
            WriteLevel(writer, i, market.Asks[i].Price, market.Asks[i].Size, market.Spec, eventMillis);
        }

        writer.Raw("],\"bs\":["u8);
        for (var i = 0; i < market.Bids.Depth; i++)
        {
            WriteLevel(writer, i, market.Bids[i].Price, market.Bids[i].Size, market.Spec, eventMillis);
        }

        writer.Raw("]}"u8);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        writer.Raw("[["u8);
        Text(writer, trade.PriceRaw, spec.PriceScale, PriceDecimals);
        writer.Byte((byte)',');
        Text(writer, Math.Abs(trade.AmountRaw), spec.SizeScale, VolumeDecimals);
        writer.Byte((byte)',');
        Time(writer, trade.Mts);
        writer.Raw(trade.AmountRaw < 0 ? ",\"s\",\"l\",\"\"]]"u8 : ",\"b\",\"l\",\"\"]]"u8);
    }

    /// <summary>The checksum of the top 10 asks then top 10 bids, as the client computes it from the printed text.</summary>
    public static uint Checksum(InstrumentMarket market)
    {
        var state = Crc32.Initial;
        state = AppendSide(state, market.Asks, market.Spec);
        state = AppendSide(state, market.Bids, market.Spec);
        return Crc32.Finish(state);
    }

    private static uint AppendSide(uint state, ExchangeBookSide side, SimInstrumentSpec spec)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var depth = Math.Min(ChecksumDepth, side.Depth);
        for (var i = 0; i < depth; i++)
        {
            state = AppendDigits(state, text[..DecimalText.WriteFixed(side[i].Price, spec.PriceScale, PriceDecimals, text)]);
            state = AppendDigits(state, text[..DecimalText.WriteFixed(side[i].Size, spec.SizeScale, VolumeDecimals, text)]);
        }

        return state;
    }

    private static uint AppendDigits(uint state, ReadOnlySpan<byte> text)
    {
        var leading = true;
        foreach (var c in text)
        {
            if (c == (byte)'.' || (c == (byte)'0' && leading))
            {
                continue;
            }

            leading = false;
            state = Crc32.Append(state, c);
        }

        return state;
    }

    private static void WriteChanged(FrameWriter writer, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec, long eventMillis)
    {
        for (var i = 0; i < prices.Length; i++)
        {
            var index = side.Find(prices[i], out var found);
            WriteLevel(writer, i, prices[i], found ? side[index].Size : 0, spec, eventMillis);
        }
    }

    private static void WriteLevel(FrameWriter writer, int index, long price, long size, SimInstrumentSpec spec, long eventMillis)
    {
        writer.Raw(index == 0 ? "["u8 : ",["u8);
        Text(writer, price, spec.PriceScale, PriceDecimals);
        writer.Byte((byte)',');
        Text(writer, size, spec.SizeScale, VolumeDecimals);
        writer.Byte((byte)',');
        Time(writer, eventMillis);
        writer.Byte((byte)']');
    }

    private static void Time(FrameWriter writer, long millis)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = DecimalText.WriteFixed(millis * 1000, 6, 6, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }

    private static void Text(FrameWriter writer, long raw, int scale, int decimals)
    {
        Span<byte> text = stackalloc byte[DecimalText.MaxLength];
        var n = DecimalText.WriteFixed(raw, scale, decimals, text);
        writer.Byte((byte)'"');
        writer.Raw(text[..n]);
        writer.Byte((byte)'"');
    }
}
