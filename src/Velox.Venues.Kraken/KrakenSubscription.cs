using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;

namespace Velox.Venues.Kraken;

/// <summary>
/// One public subscription (channel + pair, and depth for books) and, for books, its book. It outlives
/// channel ids: a resubscribe or reconnect binds a new channelID to the same subscription.
/// </summary>
public sealed class KrakenSubscription
{
    internal KrakenSubscription(KrakenChannel channel, Instrument instrument, int depth)
    {
        Channel = channel;
        Instrument = instrument;
        Depth = depth;
        if (channel == KrakenChannel.Book)
        {
            // Headroom above the depth: one message may insert before it deletes; truncation follows the message.
            Book = new WireTextBook(instrument.Id, 2 * depth);
        }
    }

    public KrakenChannel Channel { get; }

    public Instrument Instrument { get; }

    /// <summary>Subscribed book depth per side (0 for trade and ticker).</summary>
    public int Depth { get; }

    /// <summary>The channelID currently bound, or -1.</summary>
    public long ChannelId { get; internal set; } = -1;

    /// <summary>The book with each level's wire text (checksum input); null for trade and ticker.</summary>
    public WireTextBook? Book { get; }

    /// <summary>Sync state of the book (AwaitingSnapshot for other channels).</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Messages applied (book updates, trades or tickers).</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    internal bool Matches(KrakenChannel channel, ReadOnlySpan<byte> pair, int depth) =>
        channel == Channel && (channel != KrakenChannel.Book || depth == Depth) && Instrument.SymbolUtf8.Span.SequenceEqual(pair);

    public override string ToString() => $"{Channel} {Instrument.Symbol} depth={Depth} chan={ChannelId} {State}";
}
