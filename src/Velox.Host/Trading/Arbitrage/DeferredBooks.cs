using Velox.MarketData.Events;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// The latest book update of each instrument whose book changed since the strategy last decided on it: the arbitrage
/// decides once per changed book (at a frame's or a batch's end), not once per level.
/// </summary>
public sealed class DeferredBooks
{
    private readonly BookUpdate[] _pending;
    private readonly bool[] _changed;

    /// <summary>Room for instruments 0 .. <paramref name="instruments"/> - 1.</summary>
    public DeferredBooks(int instruments)
    {
        _pending = new BookUpdate[instruments];
        _changed = new bool[instruments];
    }

    /// <summary>How many instruments this holds.</summary>
    public int Count => _pending.Length;

    /// <summary>The latest deferred update of <paramref name="instrument"/>.</summary>
    public ref readonly BookUpdate this[int instrument] => ref _pending[instrument];

    /// <summary>Remembers <paramref name="update"/> as its instrument's latest change (the instrument must be below <see cref="Count"/>).</summary>
    public void Defer(in BookUpdate update)
    {
        _pending[update.Instrument.Value] = update;
        _changed[update.Instrument.Value] = true;
    }

    /// <summary>The first changed instrument at or after <paramref name="from"/>, no longer marked changed; -1 when none is left.</summary>
    public int TakeNext(int from)
    {
        for (var i = from; i < _changed.Length; i++)
        {
            if (_changed[i])
            {
                _changed[i] = false;
                return i;
            }
        }

        return -1;
    }
}
