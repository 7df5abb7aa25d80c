using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Okx.Parsing;

namespace Velox.Venues.Okx.Session;

// The books channel: snapshot/update, seqId continuity, checksum, resync.
public sealed partial class OkxMarketDataSession
{
    private FrameOutcome ProcessBook<THandler>(OkxSubscription subscription, ReadOnlySpan<byte> action, ReadOnlySpan<byte> data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var snapshot = action.SequenceEqual("snapshot"u8);
        if (!snapshot && !action.SequenceEqual("update"u8))
        {
            return FailBook(subscription, FrameError.UnknownAction, ref handler);
        }

        if (!snapshot && subscription.State != BookSyncState.InSync)
        {
            Stats.BookUpdatesIgnored++;
            return FrameOutcome.Ignored;
        }

        var s = new JsonScanner(data);
        s.TryConsume((byte)'[');
        var index = 0;
        JsonStep step;
        while ((step = s.NextElement(ref index)) == JsonStep.Item)
        {
            if (!s.TryReadComposite(out var element) || !OkxBookData.TryParse(element, out var book))
            {
                return FailBook(subscription, FrameError.Malformed, ref handler);
            }

            if (!snapshot && !CheckSequence(subscription, in book, ref handler))
            {
                return FrameOutcome.Ignored;
            }

            var error = snapshot
                ? ApplySnapshot(subscription, in book, receiveNanos, ref handler)
                : ApplyUpdate(subscription, in book, receiveNanos, ref handler);
            if (error != FrameError.None)
            {
                return FailBook(subscription, error, ref handler);
            }

            subscription.LastSeqId = book.SeqId;
            if (!VerifyChecksum(subscription, in book, ref handler))
            {
                break;
            }
        }

        if (step == JsonStep.Malformed)
        {
            return FailBook(subscription, FrameError.Malformed, ref handler);
        }

        return snapshot ? FrameOutcome.BookSnapshot : FrameOutcome.BookUpdate;
    }

    private FrameError ApplySnapshot<THandler>(OkxSubscription subscription, in OkxBookData data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = subscription.Book!;
        book.Clear();
        var bidsEmpty = data.Bids.Length == 2;
        var flags = BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
        var error = ApplySide(subscription, Side.Ask, data.Asks, ref flags, endsSnapshot: bidsEmpty, receiveNanos, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySide(subscription, Side.Bid, data.Bids, ref flags, endsSnapshot: true, receiveNanos, ref handler);
        }

        if (error != FrameError.None)
        {
            book.Clear();
            return error;
        }

        Stats.BookSnapshots++;
        subscription.Snapshots++;
        SetState(subscription, BookSyncState.InSync, ResyncReason.None, ref handler);
        return FrameError.None;
    }

    private FrameError ApplyUpdate<THandler>(OkxSubscription subscription, in OkxBookData data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var flags = BookUpdateFlags.None;
        var error = ApplySide(subscription, Side.Ask, data.Asks, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySide(subscription, Side.Bid, data.Bids, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        }

        if (error == FrameError.None)
        {
            Stats.BookUpdates++;
            subscription.Updates++;
        }

        return error;
    }

    /// <summary>Applies one side's level array. For snapshots <paramref name="flags"/> carries SnapshotBegin until the first level.</summary>
    private FrameError ApplySide<THandler>(OkxSubscription subscription, Side side, ReadOnlySpan<byte> levels, ref BookUpdateFlags flags, bool endsSnapshot, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var snapshot = (flags & BookUpdateFlags.Snapshot) != 0;
        var s = new JsonScanner(levels);
        s.TryConsume((byte)'[');
        var index = 0;
        JsonStep step;
        while ((step = OkxBookData.NextLevel(ref s, ref index, out var priceText, out var sizeText, out var orders)) == JsonStep.Item)
        {
            if (!OkxFrameParser.TryParseFixed(priceText, instrument.PriceScale, out var price, out var error)
                || !OkxFrameParser.TryParseFixed(sizeText, instrument.SizeScale, out var size, out error))
            {
                return error;
            }

            if (price <= 0 || size < 0 || orders < 0 || orders > int.MaxValue || (snapshot && size == 0))
            {
                return FrameError.InvalidValue;
            }

            var levelFlags = endsSnapshot && s.Peek() == (byte)']' ? flags | BookUpdateFlags.SnapshotEnd : flags;
            if (!ApplyLevel(subscription.Book!, side, price, size, (int)orders, priceText, sizeText, levelFlags, receiveNanos, ref handler))
            {
                return FrameError.InvalidValue;
            }

            flags &= ~BookUpdateFlags.SnapshotBegin;
            if (snapshot)
            {
                Stats.SnapshotLevels++;
            }
            else
            {
                Stats.UpdateLevels++;
            }
        }

        return step == JsonStep.End ? FrameError.None : FrameError.Malformed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ApplyLevel<THandler>(WireTextBook book, Side side, long price, long size, int count, ReadOnlySpan<byte> priceText, ReadOnlySpan<byte> sizeText, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!book.TryApply(side, price, size, count, priceText, sizeText, out var change))
        {
            return false;
        }

        if (change >= BookChange.DeleteMissing)
        {
            if (change == BookChange.DeleteMissing)
            {
                Stats.DeletesOfMissingLevels++;
            }
            else
            {
                Stats.LevelsBeyondDepth++;
            }

            return true;
        }

        if (size == 0)
        {
            flags |= BookUpdateFlags.Delete;
            count = 0;
        }

        var update = new BookUpdate(book.Instrument, side, price, size, count, flags, receiveNanos);
        handler.OnBookUpdate(in update);
        return true;
    }

    /// <summary>seqId continuity where the venue sends it: an update's prevSeqId names the previous message's seqId.</summary>
    private bool CheckSequence<THandler>(OkxSubscription subscription, in OkxBookData data, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (data.SeqId < 0 || subscription.LastSeqId < 0)
        {
            return true;
        }

        Stats.SequencesChecked++;
        if (data.PrevSeqId == subscription.LastSeqId)
        {
            return true;
        }

        Stats.SequenceGaps++;
        Resync(subscription, ResyncReason.SequenceGap, ref handler);
        return false;
    }

    private bool VerifyChecksum<THandler>(OkxSubscription subscription, in OkxBookData data, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!data.HasChecksum)
        {
            Stats.ChecksumsAbsent++;
            return true;
        }

        if (OkxChecksum.TryCompute(subscription.Book!, out var actual) && actual == data.Checksum)
        {
            Stats.ChecksumsVerified++;
            return true;
        }

        Stats.ChecksumMismatches++;
        Resync(subscription, ResyncReason.ChecksumMismatch, ref handler);
        return false;
    }

    private FrameOutcome FailBook<THandler>(OkxSubscription subscription, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A book message that was not (fully) applied leaves the book wrong: get a fresh snapshot.
        Resync(subscription, ResyncReason.MalformedFrame, ref handler);
        return Fail(error);
    }

    /// <summary>Marks the book Resyncing (updates ignored until a snapshot) and queues unsubscribe + subscribe.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resync<THandler>(OkxSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.State == BookSyncState.Resyncing)
        {
            return;
        }

        subscription.Resyncs++;
        subscription.LastResyncReason = reason;
        subscription.LastSeqId = -1;
        Stats.Resyncs++;
        SetState(subscription, BookSyncState.Resyncing, reason, ref handler);
        QueueRequest(subscription, subscribe: false);
        QueueRequest(subscription, subscribe: true);
    }

    private static void SetState<THandler>(OkxSubscription subscription, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.State = state;
        handler.OnBookState(subscription.Instrument.Id, state, reason);
    }
}
