using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Books;

/// <summary>
/// The sync flow of a <see cref="SnapshotDiffBook"/> shared by the venues that use it: buffer diffs
/// until the REST snapshot, bridge it, chain diffs, resync on any break. The venue parses frames and
/// counts through an <see cref="ISnapshotDiffFeed"/> struct. Allocation-free.
/// </summary>
public static class SnapshotDiffFlow
{
    /// <summary>
    /// Loads a parsed snapshot (<paramref name="bids"/>, <paramref name="asks"/> as <c>[["price","size"],..]</c>)
    /// of <paramref name="requestedDepth"/> levels (0 when unknown), publishes it, then replays the buffered
    /// diffs through the bridge rule. On a bad level the book resyncs, the snapshot counts as failed and the
    /// error is returned.
    /// </summary>
    public static FeedError ApplySnapshot<TFeed, THandler>(SnapshotDiffBook book, long snapshotId, ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, int requestedDepth, long receiveNanos, ref TFeed feed, ref THandler handler)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        book.BeginSnapshot(snapshotId);
        var error = LoadSnapshotSide(book, bids, Side.Bid, ref feed);
        if (error == FeedError.None)
        {
            error = LoadSnapshotSide(book, asks, Side.Ask, ref feed);
        }

        if (error != FeedError.None)
        {
            book.Book.Clear();
            Resync(book, ResyncReason.MalformedFrame, ref feed, ref handler);
            book.SnapshotFailed();
            return error;
        }

        book.CompleteSnapshot(requestedDepth);
        feed.OnSnapshot();
        PublishSnapshot(book, receiveNanos, ref handler);
        handler.OnBookState(book.Instrument.Id, BookSyncState.InSync, ResyncReason.None);
        ReplayPending(book, ref feed, ref handler);
        return FeedError.None;
    }

    /// <summary>
    /// Handles a well-formed live diff: buffers it while no snapshot is applied, drops it when stale,
    /// resyncs on a gap (keeping it for the next bridge), else applies it. On <see cref="DiffOutcome.Failed"/>
    /// <paramref name="error"/> says why; the caller then calls <see cref="Distrust{TFeed, THandler}"/>.
    /// </summary>
    public static DiffOutcome OnDiff<TFeed, THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> frame, long firstId, long lastId, long previousId, ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, long receiveNanos, ref TFeed feed, ref THandler handler, out FeedError error)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        error = FeedError.None;
        if (book.State != BookSyncState.InSync)
        {
            feed.OnBuffered();
            book.Buffer(frame, receiveNanos);
            return DiffOutcome.Buffered;
        }

        var check = book.CheckDiff(firstId, lastId, previousId);
        if (check == UpdateIdCheck.Stale)
        {
            feed.OnStale();
            return DiffOutcome.Stale;
        }

        if (check == UpdateIdCheck.Gap)
        {
            OnGap(book, frame, receiveNanos, ref feed, ref handler);
            return DiffOutcome.Gap;
        }

        error = ApplyDiffLevels(book, bids, asks, receiveNanos, ref handler);
        if (error != FeedError.None)
        {
            return DiffOutcome.Failed;
        }

        feed.OnApplied();
        if (book.TrustedRangeExhausted)
        {
            Resync(book, ResyncReason.BookCapacity, ref feed, ref handler);
        }

        return DiffOutcome.Applied;
    }

    /// <summary>A lost or half-applied diff leaves the book wrong: an InSync book resyncs from a fresh snapshot.</summary>
    public static void Distrust<TFeed, THandler>(SnapshotDiffBook book, ref TFeed feed, ref THandler handler)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        if (book.State == BookSyncState.InSync)
        {
            Resync(book, ResyncReason.MalformedFrame, ref feed, ref handler);
        }
    }

    private static FeedError LoadSnapshotSide<TFeed>(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side, ref TFeed feed)
        where TFeed : struct, ISnapshotDiffFeed
    {
        var instrument = book.Instrument;
        var levels = new PriceLevelReader(array);
        FeedError error;
        while (TryReadLevel(ref levels, instrument, out var price, out var size, out error))
        {

            feed.OnSnapshotLevel();
            book.ApplySnapshotLevel(side, price, size);
        }

        return error;
    }

    private static void PublishSnapshot<THandler>(SnapshotDiffBook book, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var bids = book.Book.Bids;
        var asks = book.Book.Asks;
        var total = bids.Count + asks.Count;
        for (var i = 0; i < total; i++)
        {
            var side = i < bids.Count ? Side.Bid : Side.Ask;
            ref readonly var level = ref i < bids.Count ? ref bids.AtDepth(i) : ref asks.AtDepth(i - bids.Count);
            var flags = BookUpdateFlags.Snapshot;
            flags |= i == 0 ? BookUpdateFlags.SnapshotBegin : BookUpdateFlags.None;
            flags |= i == total - 1 ? BookUpdateFlags.SnapshotEnd : BookUpdateFlags.None;
            var update = new BookUpdate(book.Instrument.Id, side, level.Price, level.Size, 0, flags, receiveNanos);
            handler.OnBookUpdate(in update);
        }
    }

    private static void ReplayPending<TFeed, THandler>(SnapshotDiffBook book, ref TFeed feed, ref THandler handler)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        var pending = book.Pending;
        for (var i = 0; i < pending.Count; i++)
        {
            // Only well-formed diffs were buffered, so the parse repeats what succeeded before.
            if (!feed.TryReadDiff(pending.Frame(i), out var firstId, out var lastId, out var previousId, out var bids, out var asks))
            {
                continue;
            }

            var check = book.CheckDiff(firstId, lastId, previousId);
            if (check == UpdateIdCheck.Stale)
            {
                feed.OnStale();
                continue;
            }

            if (check == UpdateIdCheck.Gap)
            {
                // The snapshot is older than the buffered stream: keep the rest for the next snapshot.
                feed.OnGap();
                pending.RemoveFirst(i);
                Resync(book, ResyncReason.SequenceGap, ref feed, ref handler);
                return;
            }

            var error = ApplyDiffLevels(book, bids, asks, pending.ReceiveNanos(i), ref handler);
            if (error != FeedError.None)
            {
                pending.RemoveFirst(i + 1);
                Resync(book, ResyncReason.MalformedFrame, ref feed, ref handler);
                feed.OnError(error);
                return;
            }

            feed.OnApplied();
        }

        pending.Clear();
        if (book.TrustedRangeExhausted)
        {
            Resync(book, ResyncReason.BookCapacity, ref feed, ref handler);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnGap<TFeed, THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> frame, long receiveNanos, ref TFeed feed, ref THandler handler)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        // The diff that broke the chain is newer than the book: keep it for the next snapshot's bridge.
        feed.OnGap();
        Resync(book, ResyncReason.SequenceGap, ref feed, ref handler);
        book.Pending.Clear();
        feed.OnBuffered();
        book.Buffer(frame, receiveNanos);
    }

    private static FeedError ApplyDiffLevels<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = ApplyDiffSide(book, bids, Side.Bid, receiveNanos, ref handler);
        return error != FeedError.None ? error : ApplyDiffSide(book, asks, Side.Ask, receiveNanos, ref handler);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeedError ApplyDiffSide<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = book.Instrument;
        var levels = new PriceLevelReader(array);
        FeedError error;
        while (TryReadLevel(ref levels, instrument, out var price, out var size, out error))
        {

            if (book.ApplyDiffLevel(side, price, size) >= BookChange.DeleteMissing)
            {
                continue;
            }

            var update = new BookUpdate(instrument.Id, side, price, size, 0, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, receiveNanos);
            handler.OnBookUpdate(in update);
        }

        return error;
    }

    /// <summary>Reads the next level; false at the end (<paramref name="error"/> None or Malformed) or on a bad level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLevel(ref PriceLevelReader levels, Instrument instrument, out long price, out long size, out FeedError error)
    {
        size = 0;
        if (!levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            price = 0;
            error = levels.Malformed ? FeedError.Malformed : FeedError.None;
            return false;
        }

        if (!FeedNumbers.TryParseFixed(priceToken, instrument.PriceScale, out price, out error)
            || !FeedNumbers.TryParseFixed(sizeToken, instrument.SizeScale, out size, out error))
        {
            return false;
        }

        if (price <= 0 || size < 0)
        {
            error = FeedError.InvalidValue;
            return false;
        }

        return true;
    }

    private static void Resync<TFeed, THandler>(SnapshotDiffBook book, ResyncReason reason, ref TFeed feed, ref THandler handler)
        where TFeed : struct, ISnapshotDiffFeed
        where THandler : struct, IMarketDataHandler
    {
        if (book.State != BookSyncState.Resyncing)
        {
            feed.OnResync();
        }

        book.MarkResyncing(reason);
        handler.OnBookState(book.Instrument.Id, BookSyncState.Resyncing, reason);
    }
}
