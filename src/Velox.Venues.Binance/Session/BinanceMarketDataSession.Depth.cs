using System.Runtime.CompilerServices;
using System.Text;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.Venues.Binance.Parsing;
using Velox.Venues.Binance.Requests;

namespace Velox.Venues.Binance.Session;

// Depth: parse snapshots and diffs; SnapshotDiffFlow buffers, bridges, chains and resyncs.
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

        var feed = new DepthFeed(this);
        error = SnapshotDiffFlow.ApplySnapshot(book, message.SnapshotId, message.Bids, message.Asks, requestedDepth, receiveNanos, ref feed, ref handler);
        return error == FeedError.None ? FrameOutcome.BookSnapshot : Fail(error);
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

        var feed = new DepthFeed(this);
        return SnapshotDiffFlow.OnDiff(book, frame, message.FirstId, message.LastId, message.PreviousId, message.Bids, message.Asks, receiveNanos, ref feed, ref handler, out var error) switch
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
        var feed = new DepthFeed(this);
        SnapshotDiffFlow.Distrust(book, ref feed, ref handler);
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
