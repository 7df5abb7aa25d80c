using System.Runtime.CompilerServices;
using Velox.Venues.Mexc.Protobuf;

namespace Velox.Venues.Mexc.Parsing;

/// <summary>Iterates the <c>deals = 1</c> items of a spot deals body (aggre.deals or deals). Allocation-free.</summary>
public ref struct SpotDealReader
{
    private const int DealsField = 1;
    private const int PriceField = 1;
    private const int QuantityField = 2;
    private const int TradeTypeField = 3;
    private const int TimeField = 4;

    private ProtoReader _reader;
    private bool _done;

    /// <summary>Reads the deals in <paramref name="body"/>.</summary>
    public SpotDealReader(ReadOnlySpan<byte> body)
    {
        _reader = new ProtoReader(body);
    }

    /// <summary>True when the body or a deal was malformed (set once <see cref="TryReadNext"/> returned false).</summary>
    public bool Malformed { get; private set; }

    /// <summary>The next deal; false at the end or on malformed input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNext(out SpotDeal deal)
    {
        deal = default;
        if (_done)
        {
            return false;
        }

        var reader = _reader;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != DealsField || wire != WireType.LengthDelimited)
            {
                if (!reader.TrySkip(wire))
                {
                    return Fail();
                }

                continue;
            }

            if (!reader.TryReadLengthDelimited(out var item) || !TryReadItem(item, out deal))
            {
                return Fail();
            }

            _reader = reader;
            return true;
        }

        _done = true;
        Malformed = !reader.AtEnd;
        return false;
    }

    private static bool TryReadItem(ReadOnlySpan<byte> item, out SpotDeal deal)
    {
        deal = default;
        ReadOnlySpan<byte> price = default;
        ReadOnlySpan<byte> quantity = default;
        long tradeType = 0;
        long time = 0;
        var reader = new ProtoReader(item);
        while (reader.TryReadTag(out var field, out var wire))
        {
            var ok = field switch
            {
                PriceField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out price),
                QuantityField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out quantity),
                TradeTypeField => wire == WireType.Varint && reader.TryReadInt64(out tradeType),
                TimeField => wire == WireType.Varint && reader.TryReadInt64(out time),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (!reader.AtEnd || price.IsEmpty || quantity.IsEmpty || tradeType is < 1 or > 2)
        {
            return false;
        }

        deal = new SpotDeal(price, quantity, (int)tradeType, time);
        return true;
    }

    private bool Fail()
    {
        _done = true;
        Malformed = true;
        return false;
    }
}
