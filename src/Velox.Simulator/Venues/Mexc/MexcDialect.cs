using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues.Mexc;

/// <summary>
/// MEXC spot v3 public pushes as protobuf <c>PushDataV3ApiWrapper</c> messages (channel = 1, symbol = 3,
/// sendTime = 6, body 313 <c>publicAggreDepths</c> with string levels and <c>fromVersion</c>/<c>toVersion</c>
/// = the exchange's update ids, body 314 <c>publicAggreDeals</c> with one deal per push). Built from MEXC's
/// published documentation and .proto files, like our parser: NOT verified on real MEXC traffic.
/// </summary>
public sealed class MexcDialect : VenueDialect
{
    /// <summary>Venue name.</summary>
    public const string VenueName = "mexc";

    /// <summary>Depth channel prefix; the symbol follows.</summary>
    public const string DepthChannel = "spot@public.aggre.depth.v3.api.pb@100ms@";

    /// <summary>Deals channel prefix; the symbol follows.</summary>
    public const string DealsChannel = "spot@public.aggre.deals.v3.api.pb@100ms@";

    private const int LengthDelimited = 2;
    private const int VarintWire = 0;
    private const int AggreDepthsField = 313;
    private const int AggreDealsField = 314;

    private readonly FrameWriter _body = new(256 * 1024);

    /// <summary>The instruments served by default.</summary>
    public static IReadOnlyList<SimInstrumentSpec> DefaultInstruments { get; } =
        [VenueInstruments.Btc("BTCUSDT"), VenueInstruments.Eth("ETHUSDT")];

    /// <inheritdoc />
    public override string Name => VenueName;

    /// <inheritdoc />
    public override void WriteDepth(FrameWriter writer, InstrumentMarket market, ChangedLevels changes, long firstId, long lastId, long previousId, long eventMillis)
    {
        _body.Reset();
        WriteChanged(_body, 1, market.Asks, changes.Asks, market.Spec);
        WriteChanged(_body, 2, market.Bids, changes.Bids, market.Spec);
        WriteAscii(_body, 3, DepthChannel.AsSpan(0, DepthChannel.Length - 1));
        WriteNumberText(_body, 4, firstId);
        WriteNumberText(_body, 5, lastId);
        WriteWrapper(writer, DepthChannel, market.Spec.Symbol, eventMillis, AggreDepthsField, _body.Written);
    }

    /// <inheritdoc />
    public override void WriteTrade(FrameWriter writer, InstrumentMarket market, in TradeRecord trade, long eventMillis)
    {
        var spec = market.Spec;
        Span<byte> price = stackalloc byte[DecimalText.MaxLength];
        Span<byte> quantity = stackalloc byte[DecimalText.MaxLength];
        var p = DecimalText.WriteTrimmed(trade.PriceRaw, spec.PriceScale, price);
        var q = DecimalText.WriteTrimmed(Math.Abs(trade.AmountRaw), spec.SizeScale, quantity);
        Span<byte> varint = stackalloc byte[10];
        var time = WriteVarint(varint, (ulong)trade.Mts);

        // PublicAggreDealsV3ApiItem: price = 1, quantity = 2, tradeType = 3 (1 buy, 2 sell), time = 4; all short.
        _body.Reset();
        Tag(_body, 1, LengthDelimited);
        AppendVarint(_body, (ulong)(2 + p + 2 + q + 2 + 1 + time));
        WriteBytes(_body, 1, price[..p]);
        WriteBytes(_body, 2, quantity[..q]);
        Tag(_body, 3, VarintWire);
        _body.Byte(trade.AmountRaw < 0 ? (byte)2 : (byte)1);
        Tag(_body, 4, VarintWire);
        _body.Raw(varint[..time]);
        WriteAscii(_body, 2, DealsChannel.AsSpan(0, DealsChannel.Length - 1));
        WriteWrapper(writer, DealsChannel, spec.Symbol, eventMillis, AggreDealsField, _body.Written);
    }

    private static void AppendVarint(FrameWriter writer, ulong value)
    {
        Span<byte> bytes = stackalloc byte[10];
        writer.Raw(bytes[..WriteVarint(bytes, value)]);
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            destination[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[n++] = (byte)value;
        return n;
    }

    private static void Tag(FrameWriter writer, int field, int wire) => AppendVarint(writer, (ulong)((field << 3) | wire));

    private static void WriteBytes(FrameWriter writer, int field, ReadOnlySpan<byte> value)
    {
        Tag(writer, field, LengthDelimited);
        AppendVarint(writer, (ulong)value.Length);
        writer.Raw(value);
    }

    private static void WriteAscii(FrameWriter writer, int field, ReadOnlySpan<char> value)
    {
        Tag(writer, field, LengthDelimited);
        AppendVarint(writer, (ulong)value.Length);
        foreach (var c in value)
        {
            writer.Byte((byte)c);
        }
    }

    private static void WriteNumberText(FrameWriter writer, int field, long value)
    {
        Span<byte> text = stackalloc byte[20];
        value.TryFormat(text, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        WriteBytes(writer, field, text[..n]);
    }

    private static void WriteWrapper(FrameWriter writer, string channel, string symbol, long eventMillis, int bodyField, ReadOnlySpan<byte> body)
    {
        Tag(writer, 1, LengthDelimited);
        AppendVarint(writer, (ulong)(channel.Length + symbol.Length));
        foreach (var c in channel)
        {
            writer.Byte((byte)c);
        }

        foreach (var c in symbol)
        {
            writer.Byte((byte)c);
        }

        WriteAscii(writer, 3, symbol);
        Tag(writer, 6, VarintWire);
        AppendVarint(writer, (ulong)eventMillis);
        WriteBytes(writer, bodyField, body);
    }

    private static void WriteChanged(FrameWriter writer, int field, ExchangeBookSide side, ReadOnlySpan<long> prices, SimInstrumentSpec spec)
    {
        // PublicAggreDepthV3ApiItem: price = 1, quantity = 2 (0 = remove the level); both short.
        Span<byte> price = stackalloc byte[DecimalText.MaxLength];
        Span<byte> quantity = stackalloc byte[DecimalText.MaxLength];
        foreach (var raw in prices)
        {
            var index = side.Find(raw, out var found);
            var p = DecimalText.WriteTrimmed(raw, spec.PriceScale, price);
            var q = DecimalText.WriteTrimmed(found ? side[index].Size : 0, spec.SizeScale, quantity);
            Tag(writer, field, LengthDelimited);
            AppendVarint(writer, (ulong)(2 + p + 2 + q));
            WriteBytes(writer, 1, price[..p]);
            WriteBytes(writer, 2, quantity[..q]);
        }
    }
}
