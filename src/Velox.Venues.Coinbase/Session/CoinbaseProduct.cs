using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;
using Velox.Venues.Coinbase.Requests;

namespace Velox.Venues.Coinbase.Session;

/// <summary>One product on the connection: its channels, its level2 book and the per-product continuity state.</summary>
public sealed class CoinbaseProduct
{
    internal CoinbaseProduct(int index, Instrument instrument, int bookDepth)
    {
        Index = index;
        Instrument = instrument;
        Book = new L2Book(instrument.Id, bookDepth);
    }

    /// <summary>Position in the session's product list.</summary>
    public int Index { get; }

    public Instrument Instrument { get; }

    /// <summary>Channels requested (or reported by the server's subscriptions message).</summary>
    public CoinbaseChannels Channels { get; internal set; }

    /// <summary>The level2 book.</summary>
    public L2Book Book { get; }

    /// <summary>Sync state of the level2 book.</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary>Last trade id seen on matches (-1 before the first); trade ids are consecutive per product.</summary>
    public long LastTradeId { get; internal set; } = -1;

    /// <summary>Last sequence of a match (-1 before the first).</summary>
    public long LastMatchSequence { get; internal set; } = -1;

    /// <summary>Last sequence of a ticker (-1 before the first).</summary>
    public long LastTickerSequence { get; internal set; } = -1;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>l2update messages applied.</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    internal void ResetContinuity()
    {
        LastTradeId = -1;
        LastMatchSequence = -1;
        LastTickerSequence = -1;
    }

    public override string ToString() => $"{Instrument.Symbol} {Channels} {State}";
}
