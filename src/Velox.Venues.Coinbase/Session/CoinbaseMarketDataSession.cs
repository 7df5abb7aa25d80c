using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Collections;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Requests;

namespace Velox.Venues.Coinbase.Session;

/// <summary>
/// The public market-data state of ONE Coinbase ws-feed connection, transport-agnostic: feed it every
/// received text frame (<see cref="ProcessFrame{THandler}"/>) and send what it queues in
/// <see cref="Outbound"/>. It owns one level2 book per product and the per-product continuity checks.
/// Level2 has no sequence and no checksum, so a book is only as good as the stream: a resync
/// (unsubscribe + subscribe level2, which brings a fresh snapshot) is requested on a malformed book
/// frame, on a delete of a level the book does not hold, and on a crossed book. Matches are checked
/// for consecutive trade ids; matches and tickers for increasing sequences. Bad input is counted per
/// reason and skipped; nothing throws out of ProcessFrame. Single-threaded; book, ticker and match
/// frames allocate nothing.
/// </summary>
public sealed partial class CoinbaseMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly CoinbaseSessionOptions _options;
    private readonly Utf8KeyMap _productIds;
    private readonly CoinbaseProduct[] _products;

    /// <summary>Creates a session; products not in <paramref name="registry"/> are added with the default scales.</summary>
    public CoinbaseMarketDataSession(InstrumentRegistry registry, CoinbaseSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new CoinbaseSessionOptions();
        _productIds = new Utf8KeyMap(_options.MaxProducts);
        _products = new CoinbaseProduct[_options.MaxProducts];
        Outbound = new OutboundQueue(_options.OutboundCapacity, CoinbaseRequests.MaxLength);
    }

    public CoinbaseSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Products in registration order.</summary>
    public ReadOnlySpan<CoinbaseProduct> Products => _products.AsSpan(0, _productIds.Count);

    /// <summary>Feeds one received frame, ignoring the normalized events.</summary>
    public FrameOutcome ProcessFrame(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ProcessFrame(frame, receiveNanos, ref handler);
    }

    /// <summary>Feeds one received frame; normalized events go to <paramref name="handler"/>.</summary>
    public FrameOutcome ProcessFrame<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.Frames++;
        try
        {
            return Dispatch(frame, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private FrameOutcome Dispatch<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!CoinbaseMessageParser.TryParse(frame, out var message, out var error))
        {
            return FailFrame(in message, error, ref handler);
        }

        switch (message.Type)
        {
            case CoinbaseMessageType.Subscriptions:
                return OnSubscriptions(message.Channels);
            case CoinbaseMessageType.Heartbeat:
                Stats.Heartbeats++;
                return FrameOutcome.Event;
            case CoinbaseMessageType.Error:
                return Fail(FrameError.VenueError);
            case CoinbaseMessageType.Unknown:
                return Fail(FrameError.UnknownMessageType);
        }

        if (!_productIds.TryGetIndex(message.ProductId, out var index))
        {
            return Fail(message.ProductId.IsEmpty ? FrameError.UnexpectedType : FrameError.UnknownChannel);
        }

        var product = _products[index];
        return message.Type switch
        {
            CoinbaseMessageType.L2Update => ApplyUpdate(product, message.Changes, receiveNanos, ref handler),
            CoinbaseMessageType.Snapshot => ApplySnapshot(product, message.Bids, message.Asks, receiveNanos, ref handler),
            CoinbaseMessageType.Ticker => ApplyTicker(product, in message, receiveNanos, ref handler),
            _ => ApplyMatch(product, in message, receiveNanos, ref handler),
        };
    }

    private FrameOutcome ApplyUpdate<THandler>(CoinbaseProduct product, ReadOnlySpan<byte> changes, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (product.State != BookSyncState.InSync)
        {
            Stats.BookUpdatesIgnored++;
            return FrameOutcome.Ignored;
        }

        var c = new JsonScanner(changes);
        var instrument = product.Instrument;
        var book = product.Book;
        if (!c.TryConsume((byte)'[') || c.TryConsume((byte)']'))
        {
            return FailBook(product, FrameError.UnexpectedType, ref handler);
        }

        do
        {
            if (!CoinbaseMessageParser.TryReadChange(ref c, instrument.PriceScale, instrument.SizeScale, out var isBuy, out var price, out var size, out var error))
            {
                return FailBook(product, error, ref handler);
            }

            if (!ApplyLevel(book, isBuy ? Side.Bid : Side.Ask, price, size, receiveNanos, ref handler))
            {
                Stats.BookGaps++;
                Resubscribe(product, ResyncReason.SequenceGap, ref handler);
                return FrameOutcome.BookUpdate;
            }

            Stats.LevelChanges++;
        }
        while (c.TryConsume((byte)','));

        if (!c.TryConsume((byte)']'))
        {
            return FailBook(product, FrameError.Malformed, ref handler);
        }

        Stats.BookUpdates++;
        product.Updates++;
        if (IsCrossed(book))
        {
            Stats.CrossedBooks++;
            Stats.BookGaps++;
            Resubscribe(product, ResyncReason.SequenceGap, ref handler);
        }

        return FrameOutcome.BookUpdate;
    }

    private FrameOutcome ApplySnapshot<THandler>(CoinbaseProduct product, ReadOnlySpan<byte> bids, ReadOnlySpan<byte> asks, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = product.Book;
        book.Clear();

        // Each level is reported when the next one is read, so the last can carry SnapshotEnd.
        var pending = new BookUpdate(book.Instrument, Side.Bid, 0, 0, 0, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, receiveNanos);
        var hasPending = false;
        var error = ApplySnapshotSide(product, Side.Bid, bids, ref pending, ref hasPending, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySnapshotSide(product, Side.Ask, asks, ref pending, ref hasPending, ref handler);
        }

        if (error != FrameError.None)
        {
            book.Clear();
            return FailBook(product, error, ref handler);
        }

        var last = new BookUpdate(pending.Instrument, pending.Side, pending.Price, pending.Size, 0, pending.Flags | BookUpdateFlags.SnapshotEnd, receiveNanos);
        handler.OnBookUpdate(in last);
        Stats.BookSnapshots++;
        product.Snapshots++;
        SetState(product, BookSyncState.InSync, ResyncReason.None, ref handler);
        return FrameOutcome.BookSnapshot;
    }

    private FrameError ApplySnapshotSide<THandler>(CoinbaseProduct product, Side side, ReadOnlySpan<byte> levels, ref BookUpdate pending, ref bool hasPending, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var c = new JsonScanner(levels);
        if (!c.TryConsume((byte)'['))
        {
            return FrameError.UnexpectedType;
        }

        if (c.TryConsume((byte)']'))
        {
            return FrameError.None;
        }

        var book = product.Book;
        var instrument = product.Instrument;
        do
        {
            if (!CoinbaseMessageParser.TryReadLevel(ref c, instrument.PriceScale, instrument.SizeScale, out var price, out var size, out var error))
            {
                return error;
            }

            if (size == 0)
            {
                return FrameError.InvalidValue;
            }

            Stats.SnapshotLevels++;
            if (book.Apply(side, price, size, 0) == BookChange.DroppedBeyondDepth)
            {
                Stats.LevelsBeyondDepth++;
                continue;
            }

            if (hasPending)
            {
                handler.OnBookUpdate(in pending);
            }

            var flags = hasPending ? BookUpdateFlags.Snapshot : BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
            pending = new BookUpdate(book.Instrument, side, price, size, 0, flags, pending.ReceiveNanos);
            hasPending = true;
        }
        while (c.TryConsume((byte)','));

        return c.TryConsume((byte)']') ? FrameError.None : FrameError.Malformed;
    }

    /// <summary>Applies one level; false when the change proves an earlier update was lost.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ApplyLevel<THandler>(L2Book book, Side side, long price, long size, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var change = book.Apply(side, price, size, 0);
        if (change == BookChange.DroppedBeyondDepth)
        {
            Stats.LevelsBeyondDepth++;
            return true;
        }

        if (change == BookChange.DeleteMissing)
        {
            return IsBeyondDepth(book[side], price);
        }

        var update = new BookUpdate(book.Instrument, side, price, size, 0, size == 0 ? BookUpdateFlags.Delete : BookUpdateFlags.None, receiveNanos);
        handler.OnBookUpdate(in update);
        return true;
    }

    /// <summary>
    /// level2 is the full book: a delete of a price inside the depth we hold names a level we never saw
    /// inserted, so an update was lost. Past a full side's worst level it is just a level we dropped.
    /// </summary>
    private bool IsBeyondDepth(L2BookSide side, long price)
    {
        if (side.Count < side.MaxLevels)
        {
            Stats.DeletesOfMissingLevels++;
            return false;
        }

        var worst = side.AtDepth(side.Count - 1).Price;
        if (side.IsBid ? price < worst : price > worst)
        {
            return true;
        }

        Stats.DeletesOfMissingLevels++;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCrossed(L2Book book) =>
        book.Bids.Count > 0 && book.Asks.Count > 0 && book.Bids.Best.Price >= book.Asks.Best.Price;

    private FrameOutcome FailBook<THandler>(CoinbaseProduct product, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A lost or unreadable level2 frame leaves the book wrong: get a fresh snapshot.
        Resubscribe(product, ResyncReason.MalformedFrame, ref handler);
        return Fail(error);
    }

    /// <summary>A frame that did not parse: a lost snapshot, or a lost update of a book in sync, makes that product's book resync.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome FailFrame<THandler>(in CoinbaseMessage partial, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (_productIds.TryGetIndex(partial.ProductId, out var index)
            && (partial.Type == CoinbaseMessageType.Snapshot || (partial.Type == CoinbaseMessageType.L2Update && _products[index].State == BookSyncState.InSync)))
        {
            return FailBook(_products[index], error, ref handler);
        }

        return Fail(error);
    }

    private FrameOutcome Fail(FrameError error)
    {
        CountError(error);
        return FrameOutcome.Error;
    }

    private void CountError(FrameError error)
    {
        LastError = error;
        Stats.CountError(error);
    }
}
