using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.Host.Topology;

/// <summary>
/// The engine's view of the market: one L2 book and sync state per instrument id, rebuilt from the market-data
/// event stream, plus event counters. Books are created the first time an instrument appears (cold); after that
/// applying an event allocates nothing. Single-threaded.
/// </summary>
public sealed class EngineBooks
{
    private const int MaxLevelsPerSide = 256;

    private L2Book?[] _books = new L2Book?[16];
    private BookSyncState[] _states = new BookSyncState[16];

    /// <summary>Events applied (all kinds).</summary>
    public long Events { get; private set; }

    public long BookLevels { get; private set; }

    public long Trades { get; private set; }

    /// <summary>Instruments seen.</summary>
    public int Instruments { get; private set; }

    /// <summary>The book of an instrument, or null when none of its events arrived yet.</summary>
    public L2Book? Book(InstrumentId instrument) => instrument.Value < _books.Length ? _books[instrument.Value] : null;

    public void OnBookUpdate(in BookUpdate update)
    {
        Events++;
        BookLevels++;
        var book = BookFor(update.Instrument);
        if ((update.Flags & BookUpdateFlags.SnapshotBegin) != 0)
        {
            book.Clear();
        }

        var size = (update.Flags & BookUpdateFlags.Delete) != 0 ? 0 : update.Size;
        book.Apply(update.Side, update.Price, size, update.Count);
    }

    public void OnTrade(in TradeEvent trade)
    {
        Events++;
        Trades++;
        BookFor(trade.Instrument);
    }

    public void OnTicker()
    {
        Events++;
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        Events++;
        var book = BookFor(instrument);
        _states[instrument.Value] = state;
        if (state != BookSyncState.InSync)
        {
            // The publisher stops sending levels of a book it distrusts; a fresh snapshot rebuilds it.
            book.Clear();
        }
    }

    /// <summary>Books with both a best bid and a best ask.</summary>
    public int CountTops()
    {
        var tops = 0;
        foreach (var book in _books)
        {
            if (book is not null && book.TryGetTop(out _, out _))
            {
                tops++;
            }
        }

        return tops;
    }

    /// <summary>Books whose last state event was InSync.</summary>
    public int CountInSync()
    {
        var inSync = 0;
        for (var i = 0; i < _books.Length; i++)
        {
            if (_books[i] is not null && _states[i] == BookSyncState.InSync)
            {
                inSync++;
            }
        }

        return inSync;
    }

    private L2Book BookFor(InstrumentId instrument) =>
        instrument.Value < _books.Length && _books[instrument.Value] is { } book ? book : AddBook(instrument);

    private L2Book AddBook(InstrumentId instrument)
    {
        if (instrument.Value >= _books.Length)
        {
            var length = Math.Max(instrument.Value + 1, _books.Length * 2);
            Array.Resize(ref _books, length);
            Array.Resize(ref _states, length);
        }

        var book = new L2Book(instrument, MaxLevelsPerSide);
        _books[instrument.Value] = book;
        Instruments++;
        return book;
    }
}
