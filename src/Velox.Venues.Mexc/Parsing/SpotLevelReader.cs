using System.Runtime.CompilerServices;
using Velox.Venues.Mexc.Protobuf;

namespace Velox.Venues.Mexc.Parsing;

/// <summary>
/// Iterates one side of a spot depth body (<c>asks = 1</c> or <c>bids = 2</c>, each a
/// <c>{ string price = 1; string quantity = 2; }</c> item), skipping every other field. Allocation-free.
/// </summary>
public ref struct SpotLevelReader
{
    /// <summary>Field number of the asks in both depth bodies.</summary>
    public const int AsksField = 1;

    /// <summary>Field number of the bids in both depth bodies.</summary>
    public const int BidsField = 2;

    private const int PriceField = 1;
    private const int QuantityField = 2;

    private ProtoReader _reader;
    private readonly int _side;
    private bool _done;

    /// <summary>Reads the levels of field <paramref name="sideField"/> in <paramref name="body"/>.</summary>
    public SpotLevelReader(ReadOnlySpan<byte> body, int sideField)
    {
        _reader = new ProtoReader(body);
        _side = sideField;
    }

    /// <summary>True when the body or a level was malformed (set once <see cref="TryReadNext"/> returned false).</summary>
    public bool Malformed { get; private set; }

    /// <summary>The next level's decimal text tokens; false at the end or on malformed input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNext(out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> quantity)
    {
        price = default;
        quantity = default;
        if (_done)
        {
            return false;
        }

        var reader = _reader;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != _side || wire != WireType.LengthDelimited)
            {
                if (!reader.TrySkip(wire))
                {
                    return Fail();
                }

                continue;
            }

            if (!reader.TryReadLengthDelimited(out var item) || !TryReadItem(item, out price, out quantity))
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

    private static bool TryReadItem(ReadOnlySpan<byte> item, out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> quantity)
    {
        price = default;
        quantity = default;
        var reader = new ProtoReader(item);
        while (reader.TryReadTag(out var field, out var wire))
        {
            var ok = field switch
            {
                PriceField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out price),
                QuantityField => wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out quantity),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        return reader.AtEnd && !price.IsEmpty && !quantity.IsEmpty;
    }

    private bool Fail()
    {
        _done = true;
        Malformed = true;
        return false;
    }
}
