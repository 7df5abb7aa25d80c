using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Parsing;

namespace Velox.Venues.Bybit.Session;

// The orderbook topics: snapshot/delta, u continuity, service restart, resync.
public sealed partial class BybitMarketDataSession
{
    private FrameOutcome ProcessBook<THandler>(BybitSubscription subscription, bool snapshot, ReadOnlySpan<byte> data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!snapshot && subscription.State != BookSyncState.InSync)
        {
            Stats.BookDeltasIgnored++;
            return FrameOutcome.Ignored;
        }

        if (!BybitBookData.TryParse(data, out var book))
        {
            return FailBook(subscription, FrameError.Malformed, ref handler);
        }

        if (!snapshot && !CheckUpdateId(subscription, book.UpdateId, ref handler))
        {
            return FrameOutcome.Ignored;
        }

        var error = snapshot
            ? ApplySnapshot(subscription, in book, receiveNanos, ref handler)
            : ApplyDelta(subscription, in book, receiveNanos, ref handler);
        if (error != FrameError.None)
        {
            return FailBook(subscription, error, ref handler);
        }

        subscription.LastUpdateId = book.UpdateId;
        subscription.LastCrossSequence = book.CrossSequence;
        return snapshot ? FrameOutcome.BookSnapshot : FrameOutcome.BookDelta;
    }

    private FrameError ApplySnapshot<THandler>(BybitSubscription subscription, in BybitBookData data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = subscription.Book!;

        // u = 1 on a snapshot: the venue restarted its book service; the snapshot replaces the book as any snapshot does.
        if (data.UpdateId == 1 && subscription.LastUpdateId > 0)
        {
            subscription.ServiceRestarts++;
            Stats.ServiceRestarts++;
        }

        book.Clear();
        var asksEmpty = data.Asks.Length == 2;
        var flags = BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
        var error = ApplySide(subscription, Side.Bid, data.Bids, ref flags, endsSnapshot: asksEmpty, receiveNanos, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySide(subscription, Side.Ask, data.Asks, ref flags, endsSnapshot: true, receiveNanos, ref handler);
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

    private FrameError ApplyDelta<THandler>(BybitSubscription subscription, in BybitBookData data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var flags = BookUpdateFlags.None;
        var error = ApplySide(subscription, Side.Bid, data.Bids, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySide(subscription, Side.Ask, data.Asks, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        }

        if (error == FrameError.None)
        {
            Stats.BookDeltas++;
            subscription.Updates++;
        }

        return error;
    }

    /// <summary>Applies one side's level array. For snapshots <paramref name="flags"/> carries SnapshotBegin until the first level.</summary>
    private FrameError ApplySide<THandler>(BybitSubscription subscription, Side side, ReadOnlySpan<byte> levels, ref BookUpdateFlags flags, bool endsSnapshot, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var snapshot = (flags & BookUpdateFlags.Snapshot) != 0;
        var s = new JsonScanner(levels);
        s.TryConsume((byte)'[');
        var index = 0;
        JsonStep step;
        while ((step = BybitBookData.NextLevel(ref s, ref index, out var priceText, out var sizeText)) == JsonStep.Item)
        {
            if (!BybitFrameParser.TryParseFixed(priceText, instrument.PriceScale, out var price, out var error)
                || !BybitFrameParser.TryParseFixed(sizeText, instrument.SizeScale, out var size, out error))
            {
                return error;
            }

            if (price <= 0 || size < 0 || (snapshot && size == 0))
            {
                return FrameError.InvalidValue;
            }

            var levelFlags = endsSnapshot && s.Peek() == (byte)']' ? flags | BookUpdateFlags.SnapshotEnd : flags;
            ApplyLevel(subscription.Book!, side, price, size, levelFlags, receiveNanos, ref handler);
            flags &= ~BookUpdateFlags.SnapshotBegin;
            if (snapshot)
            {
                Stats.SnapshotLevels++;
            }
            else
            {
                Stats.DeltaLevels++;
            }
        }

        return step == JsonStep.End ? FrameError.None : FrameError.Malformed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyLevel<THandler>(L2Book book, Side side, long price, long size, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // Bybit levels carry no order count.
        var change = book.Apply(side, price, size, 0);
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

            return;
        }

        if (size == 0)
        {
            flags |= BookUpdateFlags.Delete;
        }

        var update = new BookUpdate(book.Instrument, side, price, size, 0, flags, receiveNanos);
        handler.OnBookUpdate(in update);
    }

    /// <summary><c>u</c> continuity: each delta of a topic on one connection carries the previous <c>u</c> + 1.</summary>
    private bool CheckUpdateId<THandler>(BybitSubscription subscription, long updateId, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.UpdateIdsChecked++;
        if (updateId == subscription.LastUpdateId + 1)
        {
            return true;
        }

        Stats.UpdateIdGaps++;
        Resync(subscription, ResyncReason.SequenceGap, ref handler);
        return false;
    }

    private FrameOutcome FailBook<THandler>(BybitSubscription subscription, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A book message that was not (fully) applied leaves the book wrong: get a fresh snapshot.
        Resync(subscription, ResyncReason.MalformedFrame, ref handler);
        return Fail(error);
    }

    /// <summary>Marks the book Resyncing (deltas ignored until a snapshot) and queues unsubscribe + subscribe of the topic.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resync<THandler>(BybitSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.State == BookSyncState.Resyncing)
        {
            return;
        }

        subscription.Resyncs++;
        subscription.LastResyncReason = reason;
        subscription.LastUpdateId = -1;
        Stats.Resyncs++;
        SetState(subscription, BookSyncState.Resyncing, reason, ref handler);
        QueueRequest(subscription, subscribe: false);
        QueueRequest(subscription, subscribe: true);
    }

    private static void SetState<THandler>(BybitSubscription subscription, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.State = state;
        handler.OnBookState(subscription.Instrument.Id, state, reason);
    }
}
