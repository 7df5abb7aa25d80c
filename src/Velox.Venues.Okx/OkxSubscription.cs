using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;

namespace Velox.Venues.Okx;

/// <summary>One public subscription (channel + instId) and, for <see cref="OkxChannel.Books"/>, its book.</summary>
public sealed class OkxSubscription
{
    internal OkxSubscription(OkxChannel channel, Instrument instrument, int bookCapacity)
    {
        Channel = channel;
        Instrument = instrument;
        if (channel == OkxChannel.Books)
        {
            Book = new WireTextBook(instrument.Id, bookCapacity);
        }
    }

    public OkxChannel Channel { get; }

    public Instrument Instrument { get; }

    /// <summary>The book with each level's wire text (checksum input); null for tickers and trades.</summary>
    public WireTextBook? Book { get; }

    /// <summary>Sync state of the book (AwaitingSnapshot for other channels).</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary>seqId of the last applied book message, or -1 when the venue sends none.</summary>
    public long LastSeqId { get; internal set; } = -1;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Messages applied (book updates, trades or tickers).</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    internal bool Matches(OkxChannel channel, ReadOnlySpan<byte> instId) =>
        channel == Channel && Instrument.SymbolUtf8.Span.SequenceEqual(instId);

    public override string ToString() => $"{Channel} {Instrument.Symbol} {State}";
}
