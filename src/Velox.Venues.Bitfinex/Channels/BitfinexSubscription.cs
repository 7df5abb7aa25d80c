using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;

namespace Velox.Venues.Bitfinex.Channels;

/// <summary>
/// One public subscription (channel + symbol + precision + length) and its book. It outlives chanIds:
/// a resubscribe or reconnect binds a new chanId to the same subscription and book.
/// </summary>
public sealed class BitfinexSubscription
{
    internal BitfinexSubscription(int index, BitfinexChannelType type, Instrument instrument, string precision, string frequency, int length)
    {
        Index = index;
        Type = type;
        Instrument = instrument;
        Precision = precision;
        Frequency = frequency;
        Length = length;
        PrecisionUtf8 = Encoding.ASCII.GetBytes(precision);
        FrequencyUtf8 = Encoding.ASCII.GetBytes(frequency);
        IsFunding = instrument.Symbol.StartsWith('f');
        if (type == BitfinexChannelType.Book)
        {
            Book = new L2Book(instrument.Id, length);
            ChecksumText = new TopLevelText(instrument.PriceScale, instrument.SizeScale);
        }
        else if (type == BitfinexChannelType.RawBook)
        {
            // Both sides of an R0 book of this length, with headroom for orders that enter before others leave.
            RawBook = new RawBook(instrument.Id, 4 * length);
            Book = RawBook.Levels;
        }
    }

    /// <summary>Position in the session's subscription list.</summary>
    public int Index { get; }

    public BitfinexChannelType Type { get; }

    public Instrument Instrument { get; }

    /// <summary>"P0".."P4", "R0", or "" for non-book channels.</summary>
    public string Precision { get; }

    /// <summary>"F0"/"F1", or "" for non-book channels.</summary>
    public string Frequency { get; }

    /// <summary>Book length per side requested (and depth limit of the local book).</summary>
    public int Length { get; }

    /// <summary>True for funding symbols (f...), whose tickers and trades have another layout.</summary>
    public bool IsFunding { get; }

    /// <summary>The chanId currently bound, or -1.</summary>
    public long ChannelId { get; internal set; } = -1;

    /// <summary>Top-level text kept between checksums of an aggregated book subscription; null otherwise.</summary>
    internal TopLevelText? ChecksumText { get; }

    /// <summary>The aggregated book (for raw books: the aggregation of its orders); null for trades/ticker.</summary>
    public L2Book? Book { get; }

    /// <summary>The order-level book of an R0 subscription.</summary>
    public RawBook? RawBook { get; }

    /// <summary>Sync state of the book (AwaitingSnapshot for non-book channels until data arrives).</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Updates applied (levels, orders, trades or tickers).</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    internal byte[] PrecisionUtf8 { get; }

    internal byte[] FrequencyUtf8 { get; }

    internal bool Matches(BitfinexChannelType type, ReadOnlySpan<byte> symbol, ReadOnlySpan<byte> precision, long length)
    {
        if (type != Type || !Instrument.SymbolUtf8.Span.SequenceEqual(symbol))
        {
            return false;
        }

        if (type is BitfinexChannelType.Book or BitfinexChannelType.RawBook)
        {
            return PrecisionUtf8.AsSpan().SequenceEqual(precision) && (length < 0 || length == Length);
        }

        return true;
    }

    public override string ToString() => $"{Type} {Instrument.Symbol} {Precision} len={Length} chan={ChannelId} {State}";
}
