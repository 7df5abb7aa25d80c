using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData;
using Velox.MarketData.Collections;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Htx.Compression;
using Velox.Venues.Htx.Parsing;
using Velox.Venues.Htx.Requests;

namespace Velox.Venues.Htx.Session;

/// <summary>
/// The public market-data state of ONE HTX spot WebSocket connection, transport-agnostic: feed it every
/// received binary frame (gzip; plain JSON text is accepted too) and send what it queues in
/// <see cref="Outbound"/> — every <c>{"ping":N}</c> is answered there with <c>{"pong":N}</c>.
/// depth.step0 pushes carry the whole 150-level book, so each one replaces the book: there is no diff
/// to lose, only a push to reject. A malformed push clears the book and marks it Resyncing until the
/// next valid push (which is the resync); pushes whose version is not newer are dropped. The gzip
/// decoder and its output buffer are reused: steady state allocates nothing. Single-threaded.
/// </summary>
public sealed partial class HtxMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly HtxSessionOptions _options;
    private readonly Utf8KeyMap _topics;
    private readonly HtxSubscription[] _subscriptions;
    private readonly GzipInflater _inflater;
    private readonly BookLevel[] _scratch;

    /// <summary>Creates a session; symbols not in <paramref name="registry"/> are added with the default scales.</summary>
    public HtxMarketDataSession(InstrumentRegistry registry, HtxSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new HtxSessionOptions();
        _topics = new Utf8KeyMap(_options.MaxSubscriptions);
        _subscriptions = new HtxSubscription[_options.MaxSubscriptions];
        _inflater = new GzipInflater(_options.MaxFrameBytes);
        _scratch = new BookLevel[_options.BookDepth];
        Outbound = new OutboundQueue(_options.OutboundCapacity, HtxRequests.MaxLength);
    }

    public HtxSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server (pongs, subs), oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Why the last frame failed to inflate (when <see cref="LastError"/> is BadCompression).</summary>
    public InflateStatus LastInflateStatus { get; private set; }

    /// <summary>Topics in registration order.</summary>
    public ReadOnlySpan<HtxSubscription> Subscriptions => _subscriptions.AsSpan(0, _topics.Count);

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
            if (frame.IsEmpty)
            {
                return Fail(FrameError.Empty);
            }

            if (GzipInflater.IsGzip(frame))
            {
                LastInflateStatus = _inflater.TryInflate(frame, out frame);
                if (LastInflateStatus != InflateStatus.Ok)
                {
                    return Fail(FrameError.BadCompression);
                }

                Stats.FramesInflated++;
                Stats.InflatedBytes += frame.Length;
            }

            return Dispatch(frame, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private FrameOutcome Dispatch<THandler>(ReadOnlySpan<byte> json, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!HtxMessageParser.TryParse(json, out var message, out var error))
        {
            return Fail(error);
        }

        if (!message.Channel.IsEmpty)
        {
            if (!_topics.TryGetIndex(message.Channel, out var index))
            {
                return Fail(FrameError.UnknownChannel);
            }

            var subscription = _subscriptions[index];
            if (message.Tick.IsEmpty)
            {
                return subscription.Kind == HtxTopicKind.Depth ? FailBook(subscription, FrameError.UnexpectedType, ref handler) : Fail(FrameError.UnexpectedType);
            }

            return subscription.Kind == HtxTopicKind.Depth
                ? ApplyDepth(subscription, message.Tick, receiveNanos, ref handler)
                : ApplyTrades(subscription, message.Tick, receiveNanos, ref handler);
        }

        if (!message.Ping.IsEmpty)
        {
            return OnPing(message.Ping);
        }

        if (!message.Status.IsEmpty)
        {
            return OnAck(message.Status, message.Subbed);
        }

        return Fail(FrameError.UnknownMessageType);
    }

    /// <summary><c>{"bids":[[price,size],...],"asks":[...],"version":N,"ts":N}</c>; the book is replaced.</summary>
    private FrameOutcome ApplyDepth<THandler>(HtxSubscription subscription, ReadOnlySpan<byte> tick, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var c = new JsonScanner(tick);
        ReadOnlySpan<byte> bids = default;
        ReadOnlySpan<byte> asks = default;
        long version = -1;
        c.TryConsume((byte)'{');
        do
        {
            if (!c.TryReadPropertyName(out var name))
            {
                return FailBook(subscription, FrameError.Malformed, ref handler);
            }

            var ok = name switch
            {
                _ when name.SequenceEqual("bids"u8) => c.Peek() == (byte)'[' && c.TryReadRawValue(out bids),
                _ when name.SequenceEqual("asks"u8) => c.Peek() == (byte)'[' && c.TryReadRawValue(out asks),
                _ when name.SequenceEqual("version"u8) => c.TryReadInt64(out version),
                _ => c.TrySkipValue(),
            };
            if (!ok)
            {
                return FailBook(subscription, FrameError.UnexpectedType, ref handler);
            }
        }
        while (c.TryConsume((byte)','));

        if (bids.IsEmpty || asks.IsEmpty)
        {
            return FailBook(subscription, FrameError.UnexpectedType, ref handler);
        }

        if (version >= 0 && version <= subscription.LastSequence)
        {
            Stats.StaleVersions++;
            return Fail(FrameError.StaleSequence);
        }

        var book = subscription.Book!;
        book.Clear();

        // Each level is reported when the next one is read, so the last can carry SnapshotEnd.
        var pending = new BookUpdate(book.Instrument, Side.Bid, 0, 0, 0, BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin, receiveNanos);
        var hasPending = false;
        var error = ApplySide(subscription, Side.Bid, bids, ref pending, ref hasPending, ref handler);
        if (error == FrameError.None)
        {
            error = ApplySide(subscription, Side.Ask, asks, ref pending, ref hasPending, ref handler);
        }

        if (error != FrameError.None)
        {
            book.Clear();
            return FailBook(subscription, error, ref handler);
        }

        var last = new BookUpdate(pending.Instrument, pending.Side, pending.Price, pending.Size, 0, pending.Flags | BookUpdateFlags.SnapshotEnd, receiveNanos);
        handler.OnBookUpdate(in last);
        if (version >= 0)
        {
            subscription.LastSequence = version;
        }

        Stats.DepthSnapshots++;
        subscription.Updates++;
        if (subscription.State != BookSyncState.InSync)
        {
            SetState(subscription, BookSyncState.InSync, ResyncReason.None, ref handler);
        }

        return FrameOutcome.BookSnapshot;
    }

    /// <summary>
    /// Parses one side (best level first on the wire) into the scratch array, then inserts worst first:
    /// every insert lands at the array end of the book side, so a 150-level rebuild shifts nothing.
    /// </summary>
    private FrameError ApplySide<THandler>(HtxSubscription subscription, Side side, ReadOnlySpan<byte> levels, ref BookUpdate pending, ref bool hasPending, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var c = new JsonScanner(levels);
        c.TryConsume((byte)'[');
        if (c.TryConsume((byte)']'))
        {
            return FrameError.None;
        }

        var instrument = subscription.Instrument;
        var scratch = _scratch;
        var count = 0;
        do
        {
            if (!c.TryConsume((byte)'[') || !c.TryReadNumberToken(out var priceToken) || !c.TryConsume((byte)',')
                || !c.TryReadNumberToken(out var sizeToken) || !c.TryConsume((byte)']'))
            {
                return FrameError.Malformed;
            }

            if (!HtxMessageParser.TryParseExact(priceToken, instrument.PriceScale, out var price, out var error)
                || !HtxMessageParser.TryParseTruncating(sizeToken, instrument.SizeScale, out var size, out var truncated, out error))
            {
                return error;
            }

            if (price <= 0 || size < 0)
            {
                return FrameError.InvalidValue;
            }

            if (truncated)
            {
                Stats.SizesTruncated++;
            }

            // A size below 1e-scale truncates to 0: the level is too small to hold, not a delete.
            Stats.SnapshotLevels++;
            if (size > 0 && count < scratch.Length)
            {
                scratch[count++] = new BookLevel(price, size, 0);
            }
        }
        while (c.TryConsume((byte)','));

        if (!c.TryConsume((byte)']'))
        {
            return FrameError.Malformed;
        }

        var book = subscription.Book!;
        for (var i = count - 1; i >= 0; i--)
        {
            book.Apply(side, scratch[i].Price, scratch[i].Size, 0);
        }

        for (var i = 0; i < count; i++)
        {
            if (hasPending)
            {
                handler.OnBookUpdate(in pending);
            }

            var flags = hasPending ? BookUpdateFlags.Snapshot : BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
            pending = new BookUpdate(book.Instrument, side, scratch[i].Price, scratch[i].Size, 0, flags, pending.ReceiveNanos);
            hasPending = true;
        }

        return FrameError.None;
    }

    private FrameOutcome FailBook<THandler>(HtxSubscription subscription, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // The next push is a whole book: it is the resync, no request needed.
        subscription.Book?.Clear();
        SetResyncing(subscription, ResyncReason.MalformedFrame, ref handler);
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
