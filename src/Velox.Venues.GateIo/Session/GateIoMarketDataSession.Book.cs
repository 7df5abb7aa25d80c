using System.Runtime.CompilerServices;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Venues.GateIo.Parsing;
using Velox.Venues.GateIo.Requests;

namespace Velox.Venues.GateIo.Session;

// Order book: parse snapshots and diffs; SnapshotDiffFlow buffers, bridges, chains and resyncs.
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

        var feed = new BookFeed(this);
        error = SnapshotDiffFlow.ApplySnapshot(book, message.Id, message.Bids, message.Asks, requestedDepth, receiveNanos, ref feed, ref handler);
        return error == FeedError.None ? FrameOutcome.BookSnapshot : Fail(error);
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

        var feed = new BookFeed(this);
        return SnapshotDiffFlow.OnDiff(book, frame, message.FirstId, message.LastId, 0, message.Bids, message.Asks, receiveNanos, ref feed, ref handler, out var error) switch
        {
            DiffOutcome.Applied => FrameOutcome.BookUpdate,
            DiffOutcome.Buffered => FrameOutcome.BookBuffered,
            DiffOutcome.Stale => FrameOutcome.Ignored,
            DiffOutcome.Gap => FrameOutcome.BookGap,
            _ => FailBook(book, error, ref handler),
        };
    }

    private FrameOutcome FailBook<THandler>(SnapshotDiffBook book, FeedError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var feed = new BookFeed(this);
        SnapshotDiffFlow.Distrust(book, ref feed, ref handler);
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
