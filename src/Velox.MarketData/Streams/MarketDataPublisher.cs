using Velox.Core.Instruments;
using Velox.Ipc.Publications;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Streams;

/// <summary>
/// Market-data handler that encodes each normalized event in place into a claimed frame of an
/// <see cref="ExclusivePublication"/> (zero-copy, no allocation). It never waits: a record that cannot be
/// claimed (no subscriber, back-pressure, closed) is counted in <see cref="Dropped"/> so the socket loop keeps
/// its pace. Use on the publication's thread only.
/// </summary>
public struct MarketDataPublisher : IMarketDataHandler
{
    private readonly ExclusivePublication _publication;

    public MarketDataPublisher(ExclusivePublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        _publication = publication;
    }

    /// <summary>Records committed to the stream.</summary>
    public long Published { get; private set; }

    /// <summary>Records that could not be claimed (not connected, back-pressured, closed).</summary>
    public long Dropped { get; private set; }

    /// <summary>The result of the last failed claim (a negative <see cref="PublicationResult"/>), 0 when none failed.</summary>
    public long LastFailure { get; private set; }

    public void OnBookUpdate(in BookUpdate update)
    {
        if (TryClaim(BookLevelRecord.Length, out var claim))
        {
            BookLevelRecord.Write(claim.Buffer, in update);
            claim.Commit();
        }
    }

    public void OnTrade(in TradeEvent trade)
    {
        if (TryClaim(TradeRecord.Length, out var claim))
        {
            TradeRecord.Write(claim.Buffer, in trade);
            claim.Commit();
        }
    }

    public void OnTicker(in TickerEvent ticker)
    {
        if (TryClaim(TickerRecord.Length, out var claim))
        {
            TickerRecord.Write(claim.Buffer, in ticker);
            claim.Commit();
        }
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        if (TryClaim(BookStateRecord.Length, out var claim))
        {
            BookStateRecord.Write(claim.Buffer, instrument, state, reason);
            claim.Commit();
        }
    }

    private bool TryClaim(int length, out BufferClaim claim)
    {
        var result = _publication.TryClaim(length, out claim);
        if (result == PublicationResult.AdminAction)
        {
            // The term was rotated by this call; the next term has room for the record.
            result = _publication.TryClaim(length, out claim);
        }

        if (result > 0)
        {
            Published++;
            return true;
        }

        Dropped++;
        LastFailure = result;
        return false;
    }
}
