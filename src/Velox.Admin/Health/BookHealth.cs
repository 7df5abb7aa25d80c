using Velox.MarketData.Sync;

namespace Velox.Admin.Health;

/// <summary>The sync state of one order book as its owner last published it.</summary>
public sealed class BookHealth
{
    private int _state;
    private int _everInSync;
    private long _resyncs;

    internal BookHealth(string venue, string symbol)
    {
        Venue = venue;
        Symbol = symbol;
    }

    public string Venue { get; }

    public string Symbol { get; }

    public BookSyncState State => (BookSyncState)Volatile.Read(ref _state);

    /// <summary>True once the book has been InSync at least once (readiness).</summary>
    public bool HasBeenInSync => Volatile.Read(ref _everInSync) != 0;

    /// <summary>Transitions into Resyncing so far.</summary>
    public long Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Publishes the current state; call on the book's own thread.</summary>
    public void Update(BookSyncState state, long resyncs)
    {
        Volatile.Write(ref _state, (int)state);
        Volatile.Write(ref _resyncs, resyncs);
        if (state == BookSyncState.InSync)
        {
            Volatile.Write(ref _everInSync, 1);
        }
    }
}
