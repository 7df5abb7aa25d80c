using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Sync;

namespace Velox.Venues.Htx.Session;

/// <summary>One market topic of the connection and, for depth topics, its book.</summary>
public sealed class HtxSubscription
{
    internal HtxSubscription(int index, string topic, HtxTopicKind kind, Instrument instrument, int depth)
    {
        Index = index;
        Topic = topic;
        TopicUtf8 = Encoding.UTF8.GetBytes(topic);
        Kind = kind;
        Instrument = instrument;
        Book = kind == HtxTopicKind.Depth ? new L2Book(instrument.Id, depth) : null;
    }

    public int Index { get; }

    /// <summary>The topic, e.g. <c>market.btcusdt.depth.step0</c>.</summary>
    public string Topic { get; }

    public HtxTopicKind Kind { get; }

    public Instrument Instrument { get; }

    /// <summary>The book of a depth topic (replaced on every push); null for trades.</summary>
    public L2Book? Book { get; }

    /// <summary>Sync state of the book.</summary>
    public BookSyncState State { get; internal set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; internal set; }

    /// <summary>True once the server acknowledged the sub.</summary>
    public bool Acknowledged { get; internal set; }

    /// <summary>Version of the last applied depth push, or trade id of the last trade (-1 before the first).</summary>
    public long LastSequence { get; internal set; } = -1;

    /// <summary>Depth pushes applied or trades emitted.</summary>
    public long Updates { get; internal set; }

    /// <summary>Times the book went to Resyncing.</summary>
    public long Resyncs { get; internal set; }

    internal byte[] TopicUtf8 { get; }

    public override string ToString() => $"{Topic} {State}";
}
