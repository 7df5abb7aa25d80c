using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.Venues.Binance.Requests;

namespace Velox.Venues.Binance.Session;

/// <summary>One symbol of a connection: its instrument, the streams subscribed and its depth book.</summary>
public sealed class BinanceSymbol
{
    internal BinanceSymbol(int index, Instrument instrument)
    {
        Index = index;
        Instrument = instrument;
    }

    /// <summary>Position in the session's symbol list.</summary>
    public int Index { get; }

    public Instrument Instrument { get; }

    /// <summary>Streams subscribed (or, when unknown symbols are added, seen).</summary>
    public BinanceStreams Streams { get; internal set; }

    /// <summary>The depth book; null until the depth stream is subscribed or seen.</summary>
    public SnapshotDiffBook? Depth { get; internal set; }

    /// <summary>Trades and aggregate trades normalized.</summary>
    public long Trades { get; internal set; }

    /// <summary>bookTicker frames normalized.</summary>
    public long Tickers { get; internal set; }

    public override string ToString() => $"{Instrument.Symbol} {Streams} {Depth?.State}";
}
