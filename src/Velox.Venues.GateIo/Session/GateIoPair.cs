using Velox.Core.Instruments;
using Velox.MarketData.Books;

namespace Velox.Venues.GateIo.Session;

/// <summary>One currency pair of a connection: its instrument and its order book.</summary>
public sealed class GateIoPair
{
    internal GateIoPair(int index, Instrument instrument)
    {
        Index = index;
        Instrument = instrument;
    }

    /// <summary>Position in the session's pair list.</summary>
    public int Index { get; }

    public Instrument Instrument { get; }

    /// <summary>The book; null until the order-book channel is subscribed or seen.</summary>
    public SnapshotDiffBook? Book { get; internal set; }

    public long Trades { get; internal set; }

    public long Tickers { get; internal set; }

    public override string ToString() => $"{Instrument.Symbol} {Book?.State}";
}
