using Velox.Core.Instruments;
using Velox.MarketData.Books;

namespace Velox.Venues.Mexc.Session;

/// <summary>One symbol of a connection: its instrument and depth book.</summary>
public sealed class MexcSymbol
{
    internal MexcSymbol(int index, Instrument instrument, SnapshotDiffBook depth)
    {
        Index = index;
        Instrument = instrument;
        Depth = depth;
    }

    /// <summary>Position in the session's symbol list.</summary>
    public int Index { get; }

    public Instrument Instrument { get; }

    /// <summary>The depth book (snapshot + version-chained pushes).</summary>
    public SnapshotDiffBook Depth { get; }

    /// <summary>Trades normalized.</summary>
    public long Trades { get; internal set; }

    public override string ToString() => $"{Instrument.Symbol} {Depth.State}";
}
