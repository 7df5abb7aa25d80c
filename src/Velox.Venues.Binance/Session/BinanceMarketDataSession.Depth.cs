using System.Runtime.CompilerServices;
using System.Text;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Binance.Parsing;
using Velox.Venues.Binance.Requests;

namespace Velox.Venues.Binance.Session;

// Depth: buffer diffs until the REST snapshot, bridge it, chain diffs, resync on any break.
public sealed partial class BinanceMarketDataSession
{
    /// <summary>Takes the next snapshot request: fetch <see cref="SnapshotPath"/> and call <see cref="ApplySnapshot{THandler}"/>, or on failure <see cref="SnapshotDiffBook.SnapshotFailed"/> of its depth book.</summary>
    public bool TryTakeSnapshotRequest(out BinanceSymbol symbol)
    {
        foreach (var candidate in Symbols)
        {
            if (candidate!.Depth?.TryTakeSnapshotRequest() == true)
            {
                Stats.SnapshotRequests++;
                symbol = candidate;
                return true;
            }
        }

        symbol = null!;
        return false;
    }

    /// <summary>REST path and query of <paramref name="symbol"/>'s depth snapshot.</summary>
    public string SnapshotPath(BinanceSymbol symbol) =>
        BinanceRequests.DepthSnapshotPath(Market, symbol.Instrument.Symbol, _options.SnapshotDepth);

    /// <summary>Rate-limit weight of one snapshot request.</summary>
    public int SnapshotWeight => BinanceVenue.SnapshotWeight(Market, _options.SnapshotDepth);

    /// <summary>Depth asked of snapshots.</summary>
    public int SnapshotDepth => _options.SnapshotDepth;

    /// <summary>Applies a REST snapshot body, ignoring the normalized events.</summary>
    public FrameOutcome ApplySnapshot(BinanceSymbol symbol, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ApplySnapshot(symbol, body, requestedDepth, receiveNanos, ref handler);
    }

    /// <summary>
    /// Applies a REST depth snapshot (<c>{"lastUpdateId":..,"bids":..,"asks":..}</c>) of
    /// <paramref name="requestedDepth"/> levels (0 when unknown), then replays the buffered diffs
    /// through the bridge rule. Never throws.
    /// </summary>
    public FrameOutcome ApplySnapshot<THandler>(BinanceSymbol symbol, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        try
        {
            return LoadSnapshot(symbol, body, requestedDepth, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            return Fail(FeedError.Internal);
        }
    }

    private FrameOutcome LoadSnapshot<THandler>(BinanceSymbol symbol, ReadOnlySpan<byte> body, int requestedDepth, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = symbol.Depth;
        if (book is null)
        {
            return Fail(FeedError.UnexpectedSnapshot);
        }

        if (!BinanceMessageParser.TryParse(body, out var message, out var error))
        {
            book.SnapshotFailed();
            return Fail(error);
        }

        if (message.Kind != BinanceMessageKind.DepthSnapshot || !message.Has(BinanceFields.Snapshot))
        {
            book.SnapshotFailed();
            return Fail(FeedError.UnexpectedType);
        }

        book.BeginSnapshot(message.SnapshotId);
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
        var n = 0;
        for (var i = 0; i < total; i++)
        {
            var side = i < bids.Count ? Side.Bid : Side.Ask;
            ref readonly var level = ref i < bids.Count ? ref bids.AtDepth(i) : ref asks.AtDepth(i - bids.Count);
            var flags = BookUpdateFlags.Snapshot;
            flags |= n++ == 0 ? BookUpdateFlags.SnapshotBegin : BookUpdateFlags.None;
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
            var frame = pending.Frame(i);
            var receiveNanos = pending.ReceiveNanos(i);

            // Only well-formed diffs were buffered, so the parse repeats what succeeded before.
            if (!BinanceMessageParser.TryParse(frame, out var message, out _))
            {
                continue;
            }

            var check = book.CheckDiff(message.FirstId, message.LastId, message.PreviousId);
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

            var error = ApplyDiffLevels(book, in message, receiveNanos, ref handler);
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

    private FrameOutcome OnDepthUpdate<THandler>(in BinanceMessage message, ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var symbol = Lookup(message.Symbol, BinanceStreams.Depth);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var book = symbol.Depth!;
        var required = Market == BinanceMarket.Spot ? BinanceFields.Depth : BinanceFields.Depth | BinanceFields.PreviousId;
        if (!message.Has(required) || message.LastId < message.FirstId)
        {
            return FailBook(book, message.Has(required) ? FeedError.InvalidValue : FeedError.UnexpectedType, ref handler);
        }

        if (book.State != BookSyncState.InSync)
        {
            Stats.DepthBuffered++;
            book.Buffer(frame, receiveNanos);
            return FrameOutcome.BookBuffered;
        }

        var check = book.CheckDiff(message.FirstId, message.LastId, message.PreviousId);
        if (check == UpdateIdCheck.Stale)
        {
            Stats.DepthStale++;
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
        // The diff that broke the chain is newer than the book: keep it for the next snapshot's bridge.
        Stats.Gaps++;
        Resync(book, ResyncReason.SequenceGap, ref handler);
        book.Pending.Clear();
        Stats.DepthBuffered++;
        book.Buffer(frame, receiveNanos);
        return FrameOutcome.BookGap;
    }

    private static FeedError ApplyDiffLevels<THandler>(SnapshotDiffBook book, in BinanceMessage message, long receiveNanos, ref THandler handler)
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

    /// <summary>A frame that did not parse: if it was a diff of a known book (by symbol or stream name), that book can no longer be trusted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome FailFrame<THandler>(in BinanceMessage partial, FeedError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var at = partial.Stream.IndexOf((byte)'@');
        var fromStream = at > 0 && partial.Stream[at..].StartsWith("@depth"u8);
        var fromData = partial.EventType.SequenceEqual("depthUpdate"u8) && (partial.Fields & BinanceFields.Symbol) != 0;
        if (fromStream || fromData)
        {
            var name = fromData ? partial.Symbol : partial.Stream[..at];
            foreach (var symbol in Symbols)
            {
                if (symbol!.Depth is { } book && Ascii.EqualsIgnoreCase(symbol.Instrument.SymbolUtf8.Span, name))
                {
                    return FailBook(book, error, ref handler);
                }
            }
        }

        return Fail(error);
    }
}
