using System.Runtime.CompilerServices;

namespace Velox.MarketData.Json;

/// <summary>
/// Iterates an array of price levels <c>[["price","size"],...]</c> as Binance and Gate.io send them
/// (string or bare-number tokens; extra elements after the size are skipped). Allocation-free.
/// </summary>
public ref struct PriceLevelReader
{
    private JsonScanner _reader;
    private bool _first;
    private bool _done;

    /// <summary>Starts reading <paramref name="array"/> (the whole array, brackets included).</summary>
    public PriceLevelReader(ReadOnlySpan<byte> array)
    {
        _reader = new JsonScanner(array);
        _first = true;
        _done = !_reader.TryConsume((byte)'[');
        Malformed = _done;
    }

    /// <summary>True when the array was not well-formed (set once <see cref="TryReadNext"/> returned false).</summary>
    public bool Malformed { get; private set; }

    /// <summary>The next level's tokens; false at the end of the array or on malformed input (see <see cref="Malformed"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNext(out ReadOnlySpan<byte> price, out ReadOnlySpan<byte> size)
    {
        price = default;
        size = default;
        if (_done)
        {
            return false;
        }

        // A local copy: tokens read through it may escape to the caller, which a field reference may not.
        var reader = _reader;
        if (reader.TryConsume((byte)']'))
        {
            _done = true;
            Malformed = !reader.AtEnd;
            return false;
        }

        if ((!_first && !reader.TryConsume((byte)','))
            || !reader.TryConsume((byte)'[')
            || !reader.TryReadNumberText(out price)
            || !reader.TryConsume((byte)',')
            || !reader.TryReadNumberText(out size))
        {
            return Fail();
        }

        while (!reader.TryConsume((byte)']'))
        {
            if (!reader.TryConsume((byte)',') || !reader.TrySkipValue())
            {
                return Fail();
            }
        }

        _reader = reader;
        _first = false;
        return true;
    }

    private bool Fail()
    {
        _done = true;
        Malformed = true;
        return false;
    }
}
