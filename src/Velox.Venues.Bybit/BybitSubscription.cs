using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Session;

namespace Velox.Venues.Bybit;

/// <summary>One public topic of a connection and, for <see cref="BybitTopic.OrderBook"/>, its book.</summary>
public sealed class BybitSubscription
{
    private readonly byte[] _topicUtf8;

    internal BybitSubscription(BybitTopic topic, int depth, ReadOnlySpan<byte> topicName, Instrument instrument, int bookCapacity)
    {
        Topic = topic;
        Depth = depth;
        Instrument = instrument;
        _topicUtf8 = topicName.ToArray();
        TopicName = Encoding.UTF8.GetString(topicName);
        if (topic == BybitTopic.OrderBook)
        {
            Book = new L2Book(instrument.Id, bookCapacity);
        }
    }

    public BybitTopic Topic { get; }

    /// <summary>Levels per side of an <c>orderbook</c> topic (0 for other topics).</summary>
    public int Depth { get; }

    /// <summary>The wire topic, e.g. <c>orderbook.200.BTCUSDT</c>.</summary>
    public string TopicName { get; }

    public Instrument Instrument { get; }

    /// <summary>The local book; null for trades and tickers.</summary>
    public L2Book? Book { get; }

    /// <summary>Sync state of the book (AwaitingSnapshot for other topics).</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary><c>u</c> of the last applied book message, or -1 before the first snapshot.</summary>
    public long LastUpdateId { get; internal set; } = -1;

    /// <summary>Last cross sequence seen (<c>seq</c> of a book message, <c>cs</c> of a ticker), or -1.</summary>
    public long LastCrossSequence { get; internal set; } = -1;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; internal set; }

    /// <summary>Messages applied (book deltas, trades or tickers).</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    /// <summary>Snapshots with <c>u</c> = 1 after the book had been built: the venue restarted its book service.</summary>
    public long ServiceRestarts { get; internal set; }

    /// <summary>The merged ticker (deltas carry only the fields that changed).</summary>
    internal BybitTickerState Ticker;

    internal ReadOnlySpan<byte> TopicUtf8 => _topicUtf8;

    public override string ToString() => $"{TopicName} {Instrument.Venue} {State}";
}
