using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Trading.Risk;

namespace Velox.Strategies.Hosting;

/// <summary>
/// What the strategies and pre-trade risk know about each instrument's market: the local book (kept by the
/// market-data feed), its sync state and the receive time of its last applied change. Arrays indexed by
/// instrument id, sized at construction; reads and updates do not allocate.
/// </summary>
public sealed class MarketView
{
    private readonly L2Book?[] _books;
    private readonly BookSyncState[] _states;
    private readonly long[] _lastUpdateNanos;

    /// <summary>Creates a view for instrument ids 0 .. <paramref name="instruments"/>-1.</summary>
    public MarketView(int instruments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instruments, 1);
        _books = new L2Book?[instruments];
        _states = new BookSyncState[instruments];
        _lastUpdateNanos = new long[instruments];
    }

    /// <summary>Attaches the book a feed maintains for its instrument (cold path).</summary>
    public void Attach(L2Book book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _books[book.Instrument.Value] = book;
    }

    /// <summary>The book of an instrument, or null when none is attached.</summary>
    public L2Book? Book(InstrumentId instrument) => _books[instrument.Value];

    /// <summary>The sync state last reported for an instrument's book.</summary>
    public BookSyncState State(InstrumentId instrument) => _states[instrument.Value];

    /// <summary>Receive time of the last change applied to the instrument's book.</summary>
    public long LastUpdateNanos(InstrumentId instrument) => _lastUpdateNanos[instrument.Value];

    /// <summary>Records a change the feed applied to the book.</summary>
    public void OnBookUpdate(in BookUpdate update) => _lastUpdateNanos[update.Instrument.Value] = update.ReceiveNanos;

    /// <summary>Records a sync state change.</summary>
    public void OnBookState(InstrumentId instrument, BookSyncState state) => _states[instrument.Value] = state;

    /// <summary>Mid price (best bid + best ask) / 2, truncated to the price scale; false without both sides.</summary>
    public bool TryGetMid(InstrumentId instrument, out Price mid)
    {
        var book = _books[instrument.Value];
        if (book is null || book.Bids.Count == 0 || book.Asks.Count == 0)
        {
            mid = default;
            return false;
        }

        mid = new Price((book.Bids.Best.Price + book.Asks.Best.Price) / 2);
        return true;
    }

    /// <summary>The market an order on this instrument goes into, for pre-trade risk (reference price: the mid, 0 when none).</summary>
    public MarketState MarketStateOf(InstrumentId instrument)
    {
        TryGetMid(instrument, out var mid);
        return new MarketState(_states[instrument.Value], _lastUpdateNanos[instrument.Value], mid);
    }
}
