using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.GateIo.Parsing;
using Velox.Venues.GateIo.Requests;

namespace Velox.Venues.GateIo.Session;

// Order book: buffer diffs until the REST snapshot, bridge it, chain diffs, resync on any break.
public sealed partial class GateIoMarketDataSession
{
    /// <summary>Takes the next snapshot request: fetch <see cref="SnapshotPath"/> and call <see cref="ApplySnapshot{THandler}"/>, or on failure <see cref="SnapshotDiffBook.SnapshotFailed"/>.</summary>
    public bool TryTakeSnapshotRequest(out GateIoPair pair)
    {
        foreach (var candidate in Pairs)
        {
            if (candidate!.Book?.TryTakeSnapshotRequest() == true)
            {
                Stats.SnapshotRequests++;
                pair = candidate;
                return true;
            }
        }

        pair = null!;
        return false;
    }

    /// <summary>REST path and query of <paramref name="pair"/>'s order book with its update id.</summary>
    public string SnapshotPath(GateIoPair pair) => GateIoRequests.OrderBookPath(pair.Instrument.Symbol, _options.SnapshotDepth);

    /// <summary>Depth asked of snapshots.</summary>
    public int SnapshotDepth => _options.SnapshotDepth;

    /// <summary>Applies a REST snapshot body, ignoring the normalized events.</summary>
    public FrameOutcome ApplySnapshot(GateIoPair pair, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ApplySnapshot(pair, body, requestedDepth, receiveNanos, ref handler);
    }

    /// <summary>
    /// Applies a REST order book (<c>{"id":..,"asks":..,"bids":..}</c>) of <paramref name="requestedDepth"/>
    /// levels (0 when unknown), then replays the buffered diffs through the bridge rule. Never throws.
    /// </summary>
    public FrameOutcome ApplySnapshot<THandler>(GateIoPair pair, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        try
        {
            return LoadSnapshot(pair, body, requestedDepth, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            return Fail(FeedError.Internal);
        }
    }

    private FrameOutcome LoadSnapshot<THandler>(GateIoPair pair, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = pair.Book;
        if (book is null)
        {
            return Fail(FeedError.UnexpectedSnapshot);
        }

        if (!GateIoMessageParser.TryParse(body, out var message, out var error) || !message.HasId || message.Bids.IsEmpty || message.Asks.IsEmpty)
        {
            book.SnapshotFailed();
            return Fail(error == FeedError.None ? FeedError.UnexpectedType : error);
        }

        book.BeginSnapshot(message.Id);
        error = LoadSnapshotSide(book, message.Bids, Side.Bid);
        if (error == FeedError.None)
        {
            error = LoadSnapshotSide(book, message.Asks, Side.Ask);
        }

        if (error != FeedError.None)
        {
            book.Book.Clear();
            Resync(book, ResyncReason.MalformedFrame, ref handler);
            book.SnapshotFailed();
            return Fail(error);
        }

        book.CompleteSnapshot(requestedDepth);
        Stats.Snapshots++;
        PublishSnapshot(book, receiveNanos, ref handler);
        handler.OnBookState(book.Instrument.Id, BookSyncState.InSync, ResyncReason.None);
        ReplayPending(book, ref handler);
        return FrameOutcome.BookSnapshot;
    }

    private FeedError LoadSnapshotSide(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side)
    {
        var instrument = book.Instrument;
        var levels = new PriceLevelReader(array);
        while (levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            if (!FeedNumbers.TryParseFixed(priceToken, instrument.PriceScale, out var price, out var error)
                || !FeedNumbers.TryParseFixed(sizeToken, instrument.SizeScale, out var size, out error))
            {
                return error;
            }

            if (price <= 0 || size < 0)
            {
                return FeedError.InvalidValue;
            }

            Stats.SnapshotLevels++;
            book.ApplySnapshotLevel(side, price, size);
        }

        return levels.Malformed ? FeedError.Malformed : FeedError.None;
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

    /// <summary>Replays the diffs buffered before the snapshot through the bridge rule.</summary>
    private void ReplayPending<THandler>(SnapshotDiffBook book, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var pending = book.Pending;
        for (var i = 0; i < pending.Count; i++)
        {
            // Only well-formed diffs were buffered, so the parse repeats what succeeded before.
            if (!GateIoMessageParser.TryParse(pending.Frame(i), out var message, out _))
            {
                continue;
            }

            var check = book.CheckDiff(message.FirstId, message.LastId, 0);
            if (check == UpdateIdCheck.Stale)
            {
                Stats.BookStale++;
                continue;
            }

            if (check == UpdateIdCheck.Gap)
            {
                // The snapshot is older than the buffered stream: keep the rest for the next snapshot.
                Stats.Gaps++;
                pending.RemoveFirst(i);
                Resync(book, ResyncReason.SequenceGap, ref handler);
                return;
            }

            var error = ApplyDiffLevels(book, in message, pending.ReceiveNanos(i), ref handler);
            if (error != FeedError.None)
            {
                pending.RemoveFirst(i + 1);
                Resync(book, ResyncReason.MalformedFrame, ref handler);
                CountError(error);
                return;
            }

            Stats.BookUpdates++;
        }

        pending.Clear();
        if (book.TrustedRangeExhausted)
        {
            Resync(book, ResyncReason.BookCapacity, ref handler);
        }
    }

    private FrameOutcome OnBookUpdate<THandler>(in GateIoMessage message, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var pair = Lookup(message.Pair);
        var book = pair is null ? null : pair.Book ?? (_options.AddUnknownPairs ? EnsureBook(pair) : null);
        if (book is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        if (!message.HasIds || message.Bids.IsEmpty || message.Asks.IsEmpty || message.LastId < message.FirstId)
        {
            return FailBook(book, message.HasIds && message.LastId < message.FirstId ? FeedError.InvalidValue : FeedError.UnexpectedType, ref handler);
        }

        if (book.State != BookSyncState.InSync)
        {
            Stats.BookBuffered++;
            book.Buffer(frame, receiveNanos);
            return FrameOutcome.BookBuffered;
        }

        var check = book.CheckDiff(message.FirstId, message.LastId, 0);
        if (check == UpdateIdCheck.Stale)
        {
            Stats.BookStale++;
            return FrameOutcome.Ignored;
        }

        if (check == UpdateIdCheck.Gap)
        {
            return OnGap(book, frame, receiveNanos, ref handler);
        }

        var error = ApplyDiffLevels(book, in message, receiveNanos, ref handler);
        if (error != FeedError.None)
        {
            return FailBook(book, error, ref handler);
        }

        Stats.BookUpdates++;
        if (book.TrustedRangeExhausted)
        {
            Resync(book, ResyncReason.BookCapacity, ref handler);
        }

        return FrameOutcome.BookUpdate;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome OnGap<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // The diff that broke the chain is newer than the book: keep it for the next snapshot's bridge.
        Stats.Gaps++;
        Resync(book, ResyncReason.SequenceGap, ref handler);
        book.Pending.Clear();
        Stats.BookBuffered++;
        book.Buffer(frame, receiveNanos);
        return FrameOutcome.BookGap;
    }

    private static FeedError ApplyDiffLevels<THandler>(SnapshotDiffBook book, in GateIoMessage message, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = ApplyDiffSide(book, message.Bids, Side.Bid, receiveNanos, ref handler);
        return error != FeedError.None ? error : ApplyDiffSide(book, message.Asks, Side.Ask, receiveNanos, ref handler);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeedError ApplyDiffSide<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = book.Instrument;
        var levels = new PriceLevelReader(array);
        while (levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            if (!FeedNumbers.TryParseFixed(priceToken, instrument.PriceScale, out var price, out var error)
                || !FeedNumbers.TryParseFixed(sizeToken, instrument.SizeScale, out var size, out error))
            {
                return error;
            }

            if (price <= 0 || size < 0)
            {
                return FeedError.InvalidValue;
            }

            if (book.ApplyDiffLevel(side, price, size) >= BookChange.DeleteMissing)
            {
                continue;
            }

            var update = new BookUpdate(instrument.Id, side, price, size, 0, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, receiveNanos);
            handler.OnBookUpdate(in update);
        }

        return levels.Malformed ? FeedError.Malformed : FeedError.None;
    }

    private void Resync<THandler>(SnapshotDiffBook book, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (book.State != BookSyncState.Resyncing)
        {
            Stats.Resyncs++;
        }

        book.MarkResyncing(reason);
        handler.OnBookState(book.Instrument.Id, BookSyncState.Resyncing, reason);
    }

    private FrameOutcome FailBook<THandler>(SnapshotDiffBook book, FeedError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A lost or half-applied diff leaves the book wrong: rebuild it from a fresh snapshot.
        if (book.State == BookSyncState.InSync)
        {
            Resync(book, ResyncReason.MalformedFrame, ref handler);
        }

        return Fail(error);
    }

    /// <summary>A frame that did not parse: if it was a diff of a known book, that book can no longer be trusted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome FailFrame<THandler>(in GateIoMessage partial, FeedError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (partial.Channel == GateIoChannel.OrderBookUpdate && !partial.Pair.IsEmpty)
        {
            foreach (var pair in Pairs)
            {
                if (pair!.Book is { } book && pair.Instrument.SymbolUtf8.Span.SequenceEqual(partial.Pair))
                {
                    return FailBook(book, error, ref handler);
                }
            }
        }

        return Fail(error);
    }
}
