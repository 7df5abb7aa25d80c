using Velox.Core.Instruments;
using Velox.Ipc.Publications;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Streams;

/// <summary>
/// Market-data handler that encodes each normalized event in place into a claimed frame of an
/// <see cref="ExclusivePublication"/> (zero-copy, no allocation). It never waits: a record that cannot be
/// claimed (no subscriber, back-pressure, closed) is counted in <see cref="Dropped"/> so the socket loop keeps
/// its pace. It remembers which books got levels since the last <see cref="EndBatch"/>, which closes the batch
/// with one <see cref="BatchEndRecord"/> per such book. Use on the publication's thread only.
/// </summary>
public struct MarketDataPublisher : IMarketDataHandler
{
    private const int InitialBatchBooks = 16;

    private readonly ExclusivePublication _publication;
    private readonly short _venue;
    private InstrumentId[] _batchBooks;
    private int[] _batchRecords;
    private int _batchCount;

    /// <param name="publication">The market-data stream.</param>
    /// <param name="venue">Venue id written into this publisher's <see cref="BatchEndRecord"/>s.</param>
    public MarketDataPublisher(ExclusivePublication publication, short venue = 0)
    {
        ArgumentNullException.ThrowIfNull(publication);
        _publication = publication;
        _venue = venue;
        _batchBooks = new InstrumentId[InitialBatchBooks];
        _batchRecords = new int[InitialBatchBooks];
    }

    /// <summary>Records committed to the stream.</summary>
    public long Published { get; private set; }

    /// <summary>Records that could not be claimed (not connected, back-pressured, closed).</summary>
    public long Dropped { get; private set; }

    /// <summary>The result of the last failed claim (a negative <see cref="PublicationResult"/>), 0 when none failed.</summary>
    public long LastFailure { get; private set; }

    /// <summary>Batch-end records committed to the stream (also counted in <see cref="Published"/>).</summary>
    public long BatchEnds { get; private set; }

    /// <summary>Books with levels since the last <see cref="EndBatch"/>.</summary>
    public readonly int OpenBatchBooks => _batchCount;

    public void OnBookUpdate(in BookUpdate update)
    {
        Touch(update.Instrument);
        if (TryClaim(BookLevelRecord.Length, out var claim))
        {
            BookLevelRecord.Write(claim.Buffer, in update);
            claim.Commit();
        }
    }

    /// <summary>
    /// Closes the batch: one <see cref="BatchEndRecord"/> per book that got levels since the last call, none when
    /// no book did. Call after the connector's turn, when every frame it read is applied. Returns the records
    /// committed.
    /// </summary>
    public int EndBatch()
    {
        var committed = 0;
        for (var i = 0; i < _batchCount; i++)
        {
            if (TryClaim(BatchEndRecord.Length, out var claim))
            {
                new BatchEndRecord(_batchBooks[i], _venue, _batchRecords[i]).Write(claim.Buffer);
                claim.Commit();
                committed++;
            }
        }

        _batchCount = 0;
        BatchEnds += committed;
        return committed;
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

    private void Touch(InstrumentId instrument)
    {
        for (var i = _batchCount - 1; i >= 0; i--)
        {
            if (_batchBooks[i] == instrument)
            {
                _batchRecords[i]++;
                return;
            }
        }

        if (_batchCount == _batchBooks.Length)
        {
            // More books in one turn than ever before: grows once, then the batch stays allocation-free.
            Array.Resize(ref _batchBooks, _batchCount * 2);
            Array.Resize(ref _batchRecords, _batchCount * 2);
        }

        _batchBooks[_batchCount] = instrument;
        _batchRecords[_batchCount] = 1;
        _batchCount++;
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
