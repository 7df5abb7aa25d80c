using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Parsing;
using Velox.Venues.Mexc.Requests;

namespace Velox.Venues.Mexc.Session;

// Depth: buffer pushes until the REST snapshot, bridge it, chain versions, resync on any break.
// Both markets use UpdateIdRule.NextId: spot passes (fromVersion, toVersion), futures (version, version).
public sealed partial class MexcMarketDataSession
{
    /// <summary>Takes the next snapshot request: fetch <see cref="SnapshotPath"/> and call <see cref="ApplySnapshot{THandler}"/>, or on failure <see cref="SnapshotDiffBook.SnapshotFailed"/>.</summary>
    public bool TryTakeSnapshotRequest(out MexcSymbol symbol)
    {
        foreach (var candidate in Symbols)
        {
            if (candidate!.Depth.TryTakeSnapshotRequest())
            {
                Stats.SnapshotRequests++;
                symbol = candidate;
                return true;
            }
        }

        symbol = null!;
        return false;
    }

    /// <summary>REST path and query of <paramref name="symbol"/>'s depth snapshot (relative to <see cref="MexcVenue.RestBaseUrl"/>).</summary>
    public string SnapshotPath(MexcSymbol symbol) => MexcRequests.DepthSnapshotPath(Market, symbol.Instrument.Symbol, _options.SnapshotDepth);

    /// <summary>Applies a REST snapshot body, ignoring the normalized events.</summary>
    public FrameOutcome ApplySnapshot(MexcSymbol symbol, ReadOnlySpan<byte> body, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ApplySnapshot(symbol, body, receiveNanos, ref handler);
    }

    /// <summary>
    /// Applies a REST depth snapshot (spot <c>{"lastUpdateId":..}</c>; futures <c>{"success":true,"data":{..,"version":..}}</c>),
    /// then replays the buffered pushes through the bridge rule. Never throws.
    /// </summary>
    public FrameOutcome ApplySnapshot<THandler>(MexcSymbol symbol, ReadOnlySpan<byte> body, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        try
        {
            return LoadSnapshot(symbol, body, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            return Fail(FeedError.Internal);
        }
    }

    private FrameOutcome LoadSnapshot<THandler>(MexcSymbol symbol, ReadOnlySpan<byte> body, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = symbol.Depth;
        long id;
        ReadOnlySpan<byte> bids;
        ReadOnlySpan<byte> asks;
        var parsed = Market == MexcMarket.Spot
            ? SpotSnapshotParser.TryParse(body, out id, out bids, out asks)
            : TryParseFuturesSnapshot(body, out id, out bids, out asks);
        if (!parsed)
        {
            book.SnapshotFailed();
            return Fail(FeedError.Malformed);
        }

        book.BeginSnapshot(id);
        var error = LoadSnapshotSide(book, bids, Side.Bid);
        if (error == FeedError.None)
        {
            error = LoadSnapshotSide(book, asks, Side.Ask);
        }

        if (error != FeedError.None)
        {
            book.Book.Clear();
            Resync(book, ResyncReason.MalformedFrame, ref handler);
            book.SnapshotFailed();
            return Fail(error);
        }

        book.CompleteSnapshot(_options.SnapshotDepth);
        Stats.Snapshots++;
        PublishSnapshot(book, receiveNanos, ref handler);
        handler.OnBookState(book.Instrument.Id, BookSyncState.InSync, ResyncReason.None);
        ReplayPending(book, ref handler);
        return FrameOutcome.BookSnapshot;
    }

    private static bool TryParseFuturesSnapshot(ReadOnlySpan<byte> body, out long version, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks)
    {
        version = -1;
        bids = default;
        asks = default;
        return FuturesPushParser.TryReadRestData(body, out var data)
            && FuturesPushParser.TryReadDepth(data, out asks, out bids, out version)
            && version >= 0;
    }

    private static FeedError LoadSnapshotSide(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side)
    {
        if (array.IsEmpty)
        {
            return FeedError.None;
        }

        var levels = new PriceLevelReader(array);
        while (levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            var error = ParseLevel(book, priceToken, sizeToken, out var price, out var size);
            if (error != FeedError.None)
            {
                return error;
            }

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

    /// <summary>Replays the pushes buffered before the snapshot through the bridge rule.</summary>
    private void ReplayPending<THandler>(SnapshotDiffBook book, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var pending = book.Pending;
        for (var i = 0; i < pending.Count; i++)
        {
            var frame = pending.Frame(i);
            var receiveNanos = pending.ReceiveNanos(i);

            // Only well-formed pushes were buffered, so the parse repeats what succeeded before.
            var error = ReadVersions(frame, out var from, out var to);
            if (error != FeedError.None)
            {
                continue;
            }

            var check = book.CheckDiff(from, to, 0);
            if (check == UpdateIdCheck.Stale)
            {
                Stats.DepthStale++;
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

            error = ApplyPushLevels(book, frame, receiveNanos, ref handler);
            if (error != FeedError.None)
            {
                pending.RemoveFirst(i + 1);
                Resync(book, ResyncReason.MalformedFrame, ref handler);
                CountError(error);
                return;
            }

            Stats.DepthUpdates++;
        }

        pending.Clear();
        if (book.TrustedRangeExhausted)
        {
            Resync(book, ResyncReason.BookCapacity, ref handler);
        }
    }

    private FeedError ReadVersions(ReadOnlySpan<byte> frame, out long from, out long to)
    {
        if (Market == MexcMarket.Spot)
        {
            var ok = SpotPushParser.TryParse(frame, out var spot, out var error);
            from = spot.FromVersion;
            to = spot.ToVersion;
            return ok ? FeedError.None : error;
        }

        var parsed = FuturesPushParser.TryParse(frame, out var futures, out var futuresError);
        from = futures.Version;
        to = futures.Version;
        return parsed ? FeedError.None : futuresError;
    }

    private FeedError ApplyPushLevels<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (Market == MexcMarket.Spot)
        {
            return SpotPushParser.TryParse(frame, out var spot, out var error)
                ? ApplySpotLevels(book, spot.Body, receiveNanos, ref handler)
                : error;
        }

        return FuturesPushParser.TryParse(frame, out var futures, out var futuresError)
            ? ApplyFuturesLevels(book, futures.Bids, futures.Asks, receiveNanos, ref handler)
            : futuresError;
    }

    private FrameOutcome OnSpotDepth<THandler>(in SpotPush push, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var symbol = Find(push.Symbol);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var book = symbol.Depth;
        var outcome = CheckPush(book, push.FromVersion, push.ToVersion, frame, receiveNanos, ref handler);
        if (outcome != FrameOutcome.BookUpdate)
        {
            return outcome;
        }

        return Applied(book, ApplySpotLevels(book, push.Body, receiveNanos, ref handler), ref handler);
    }

    private FrameOutcome OnFuturesDepth<THandler>(in FuturesPush push, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var symbol = Find(push.Symbol);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var book = symbol.Depth;
        var outcome = CheckPush(book, push.Version, push.Version, frame, receiveNanos, ref handler);
        if (outcome != FrameOutcome.BookUpdate)
        {
            return outcome;
        }

        return Applied(book, ApplyFuturesLevels(book, push.Bids, push.Asks, receiveNanos, ref handler), ref handler);
    }

    /// <summary>Buffers, drops or resyncs on the push's versions; <see cref="FrameOutcome.BookUpdate"/> means apply it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FrameOutcome CheckPush<THandler>(SnapshotDiffBook book, long from, long to, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (book.State != BookSyncState.InSync)
        {
            Stats.DepthBuffered++;
            book.Buffer(frame, receiveNanos);
            return FrameOutcome.BookBuffered;
        }

        var check = book.CheckDiff(from, to, 0);
        if (check == UpdateIdCheck.Stale)
        {
            Stats.DepthStale++;
            return FrameOutcome.Ignored;
        }

        return check == UpdateIdCheck.Gap ? OnGap(book, frame, receiveNanos, ref handler) : FrameOutcome.BookUpdate;
    }

    private FrameOutcome Applied<THandler>(SnapshotDiffBook book, FeedError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (error != FeedError.None)
        {
            // A half-applied push leaves the book wrong: rebuild it from a fresh snapshot.
            Resync(book, ResyncReason.MalformedFrame, ref handler);
            return Fail(error);
        }

        Stats.DepthUpdates++;
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
        // The push that broke the chain is newer than the book: keep it for the next snapshot's bridge.
        Stats.Gaps++;
        Resync(book, ResyncReason.SequenceGap, ref handler);
        book.Pending.Clear();
        Stats.DepthBuffered++;
        book.Buffer(frame, receiveNanos);
        return FrameOutcome.BookGap;
    }

    private static FeedError ApplySpotLevels<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> body, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = ApplySpotSide(book, body, SpotLevelReader.BidsField, Side.Bid, receiveNanos, ref handler);
        return error != FeedError.None ? error : ApplySpotSide(book, body, SpotLevelReader.AsksField, Side.Ask, receiveNanos, ref handler);
    }

    private static FeedError ApplySpotSide<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> body, int field, Side side, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var levels = new SpotLevelReader(body, field);
        while (levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            var error = ApplyLevel(book, side, priceToken, sizeToken, receiveNanos, ref handler);
            if (error != FeedError.None)
            {
                return error;
            }
        }

        return levels.Malformed ? FeedError.Malformed : FeedError.None;
    }

    private static FeedError ApplyFuturesLevels<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = ApplyFuturesSide(book, bids, Side.Bid, receiveNanos, ref handler);
        return error != FeedError.None ? error : ApplyFuturesSide(book, asks, Side.Ask, receiveNanos, ref handler);
    }

    private static FeedError ApplyFuturesSide<THandler>(SnapshotDiffBook book, ReadOnlySpan<byte> array, Side side, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (array.IsEmpty)
        {
            return FeedError.None;
        }

        // Levels are [price, volume, orderCount]; the reader skips the count.
        var levels = new PriceLevelReader(array);
        while (levels.TryReadNext(out var priceToken, out var sizeToken))
        {
            var error = ApplyLevel(book, side, priceToken, sizeToken, receiveNanos, ref handler);
            if (error != FeedError.None)
            {
                return error;
            }
        }

        return levels.Malformed ? FeedError.Malformed : FeedError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeedError ApplyLevel<THandler>(SnapshotDiffBook book, Side side, ReadOnlySpan<byte> priceToken, ReadOnlySpan<byte> sizeToken, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = ParseLevel(book, priceToken, sizeToken, out var price, out var size);
        if (error != FeedError.None)
        {
            return error;
        }

        if (book.ApplyDiffLevel(side, price, size) >= BookChange.DeleteMissing)
        {
            return FeedError.None;
        }

        var update = new BookUpdate(book.Instrument.Id, side, price, size, 0, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, receiveNanos);
        handler.OnBookUpdate(in update);
        return FeedError.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FeedError ParseLevel(SnapshotDiffBook book, ReadOnlySpan<byte> priceToken, ReadOnlySpan<byte> sizeToken, out long price, out long size)
    {
        size = 0;
        var instrument = book.Instrument;
        if (!FeedNumbers.TryParseFixed(priceToken, instrument.PriceScale, out price, out var error)
            || !FeedNumbers.TryParseFixed(sizeToken, instrument.SizeScale, out size, out error))
        {
            return error;
        }

        return price <= 0 || size < 0 ? FeedError.InvalidValue : FeedError.None;
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
}
