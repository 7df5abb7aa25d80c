using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Collections;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Requests;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Session;

/// <summary>
/// The public market-data state of ONE Bitfinex WebSocket v2 connection, transport-agnostic:
/// feed it every received text frame (<see cref="ProcessFrame{THandler}"/>), send what it queues in
/// <see cref="Outbound"/>, and act on <see cref="TakeRequests"/>. It owns the chanId table, one book
/// per book subscription, the SEQ_ALL continuity check, checksum verification and the sync state
/// machine. Bad input is counted per reason and skipped; nothing throws out of ProcessFrame.
/// Single-threaded; channel frames allocate nothing.
/// </summary>
public sealed partial class BitfinexMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly BitfinexSessionOptions _options;
    private readonly BitfinexSubscription?[] _subscriptions;
    private readonly LongKeyMap _channels;
    private readonly SequenceTracker _sequence = new();
    private int _subscriptionCount;
    private bool _infoSeen;

    /// <summary>Creates a session; symbols not in <paramref name="registry"/> are added with the default scales.</summary>
    public BitfinexMarketDataSession(InstrumentRegistry registry, BitfinexSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new BitfinexSessionOptions();
        _subscriptions = new BitfinexSubscription?[_options.MaxSubscriptions];
        _channels = new LongKeyMap(_options.MaxSubscriptions);
        Outbound = new OutboundQueue(_options.OutboundCapacity, Math.Max(BitfinexRequests.MaxLength, _options.OutboundSlotSize));
    }

    /// <summary>
    /// Order entry on this connection (set before the first connect): receives auth events and channel-0
    /// frames, and queues its auth request on every new connection. Null for a public-only session.
    /// </summary>
    public IBitfinexAccountChannel? AccountChannel { get; set; }

    public BitfinexSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Conf flags acknowledged by the server on this connection.</summary>
    public BitfinexConfFlags Flags { get; private set; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Requests not yet taken by the owner.</summary>
    public SessionRequest PendingRequests { get; private set; }

    /// <summary>Platform status from the last info event (1 operative, 0 maintenance, -1 unknown).</summary>
    public long PlatformStatus { get; private set; } = -1;

    /// <summary>Per-connection sequence continuity (SEQ_ALL).</summary>
    public SequenceTracker Sequence => _sequence;

    /// <summary>Subscriptions in creation order.</summary>
    public ReadOnlySpan<BitfinexSubscription?> Subscriptions => _subscriptions.AsSpan(0, _subscriptionCount);

    /// <summary>Returns and clears the pending requests.</summary>
    public SessionRequest TakeRequests()
    {
        var requests = PendingRequests;
        PendingRequests = SessionRequest.None;
        return requests;
    }

    /// <summary>Finds a subscription by symbol and type (first match).</summary>
    public BitfinexSubscription? Find(string symbol, BitfinexChannelType type)
    {
        foreach (var subscription in Subscriptions)
        {
            if (subscription!.Type == type && subscription.Instrument.Symbol == symbol)
            {
                return subscription;
            }
        }

        return null;
    }

    /// <summary>Registers a book subscription and queues its subscribe request.</summary>
    public BitfinexSubscription SubscribeBook(string symbol, string precision = "P0", string frequency = "F0", int length = BitfinexVenue.DefaultBookLength)
    {
        var type = precision == "R0" ? BitfinexChannelType.RawBook : BitfinexChannelType.Book;
        var subscription = Register(type, Resolve(symbol), precision, frequency, length)
            ?? throw new InvalidOperationException($"more than {_subscriptions.Length} subscriptions");
        QueueSubscribe(subscription);
        return subscription;
    }

    /// <summary>Registers a trades subscription and queues its subscribe request.</summary>
    public BitfinexSubscription SubscribeTrades(string symbol)
    {
        var subscription = Register(BitfinexChannelType.Trades, Resolve(symbol), string.Empty, string.Empty, 0)
            ?? throw new InvalidOperationException($"more than {_subscriptions.Length} subscriptions");
        QueueSubscribe(subscription);
        return subscription;
    }

    /// <summary>Registers a ticker subscription and queues its subscribe request.</summary>
    public BitfinexSubscription SubscribeTicker(string symbol)
    {
        var subscription = Register(BitfinexChannelType.Ticker, Resolve(symbol), string.Empty, string.Empty, 0)
            ?? throw new InvalidOperationException($"more than {_subscriptions.Length} subscriptions");
        QueueSubscribe(subscription);
        return subscription;
    }

    /// <summary>
    /// A new connection is open: forget chanIds, sequence and flags, mark books stale and queue conf
    /// plus every subscription again.
    /// </summary>
    public void OnConnected()
    {
        ResetConnection(ResyncReason.Reconnect);
        Outbound.Clear();
        if (_options.ConfFlags != BitfinexConfFlags.None)
        {
            var slot = Outbound.BeginWrite();
            if (BitfinexRequests.TryWriteConf(slot, _options.ConfFlags, out var written))
            {
                CommitOutbound(written);
            }
        }

        AccountChannel?.OnConnected(Outbound);
        foreach (var subscription in Subscriptions)
        {
            QueueSubscribe(subscription!);
        }
    }

    /// <summary>The transport lost the connection (tells the account channel to stop sending).</summary>
    public void OnDisconnected() => AccountChannel?.OnDisconnected();

    /// <summary>Marks every book Resyncing and queues unsubscribe + subscribe for every bound subscription.</summary>
    public void ResubscribeAll()
    {
        var handler = default(NullMarketDataHandler);
        foreach (var subscription in Subscriptions)
        {
            Resubscribe(subscription!, ResyncReason.Resubscribe, ref handler);
        }
    }

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
            return BitfinexFrameParser.IsEvent(frame)
                ? ProcessEvent(frame, ref handler)
                : ProcessChannelFrame(frame, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private FrameOutcome ProcessChannelFrame<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (AccountChannel is not null && BitfinexAccountParser.IsAccountFrame(frame))
        {
            return ProcessAccountFrame(frame, receiveNanos, ref handler);
        }

        if (!BitfinexFrameParser.TryParseChannelFrame(frame, out var parsed, out var error))
        {
            return Fail(error);
        }

        if ((Flags & BitfinexConfFlags.SeqAll) != 0 && !CheckSequence(in parsed, ref handler))
        {
            return FrameOutcome.Error;
        }

        if (!_channels.TryGetValue(parsed.ChannelId, out var index))
        {
            return Fail(FrameError.UnknownChannel);
        }

        var subscription = _subscriptions[index]!;
        switch (parsed.Kind)
        {
            case ChannelMessageKind.Heartbeat:
                Stats.Heartbeats++;
                return FrameOutcome.Heartbeat;
            case ChannelMessageKind.Update when subscription.Type == BitfinexChannelType.Book:
                return ApplyBookUpdate(subscription, parsed.Payload, receiveNanos, ref handler);
            case ChannelMessageKind.Snapshot when subscription.Type == BitfinexChannelType.Book:
                return ApplyBookSnapshot(subscription, parsed.Payload, receiveNanos, ref handler);
            case ChannelMessageKind.Checksum:
                return VerifyChecksum(subscription, parsed.Payload, ref handler);
            case ChannelMessageKind.TradeExecuted when subscription.Type == BitfinexChannelType.Trades:
                Stats.TradesExecuted++;
                return ApplyTrade(subscription, parsed.Payload, fromSnapshot: false, receiveNanos, ref handler);
            case ChannelMessageKind.TradeUpdated when subscription.Type == BitfinexChannelType.Trades:
                Stats.TradeUpdates++;
                return FrameOutcome.Ignored;
            case ChannelMessageKind.Update when subscription.Type == BitfinexChannelType.Ticker:
                return ApplyTicker(subscription, parsed.Payload, receiveNanos, ref handler);
            case ChannelMessageKind.Update when subscription.Type == BitfinexChannelType.RawBook:
                return ApplyRawUpdate(subscription, parsed.Payload, receiveNanos, ref handler);
            case ChannelMessageKind.Snapshot when subscription.Type == BitfinexChannelType.RawBook:
                return ApplyRawSnapshot(subscription, parsed.Payload, receiveNanos, ref handler);
            case ChannelMessageKind.Snapshot when subscription.Type == BitfinexChannelType.Trades:
                return ApplyTradeSnapshot(subscription, parsed.Payload, receiveNanos, ref handler);
            default:
                Stats.OtherMessages++;
                return FrameOutcome.Ignored;
        }
    }

    private FrameOutcome ProcessAccountFrame<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!BitfinexAccountParser.TrySplit(frame, out var account, out var error))
        {
            return Fail(error);
        }

        // Under SEQ_ALL account frames carry the connection's public number (then their own): count them too.
        // Channel 0 heartbeats need not carry them (docs.bitfinex.com: every message except heartbeats); one that does is checked.
        var numbered = new ChannelFrame { TrailingCount = account.TrailingCount, Trailing0 = account.Trailing0 };
        var unnumberedHeartbeat = account.Kind == AccountMessageKind.Heartbeat && account.TrailingCount == 0;
        if ((Flags & BitfinexConfFlags.SeqAll) != 0 && !unnumberedHeartbeat && !CheckSequence(in numbered, ref handler))
        {
            return FrameOutcome.Error;
        }

        AccountChannel!.OnAccountFrame(in account, receiveNanos);
        if (account.Kind == AccountMessageKind.Heartbeat)
        {
            Stats.Heartbeats++;
            return FrameOutcome.Heartbeat;
        }

        return FrameOutcome.Account;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CheckSequence<THandler>(in ChannelFrame frame, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!frame.TryGetSequence(Flags, out var sequence))
        {
            CountError(FrameError.MissingSequence);
            return true;
        }

        Stats.SequencesChecked++;
        var check = _sequence.Check(sequence);
        if (check <= SequenceCheck.InOrder)
        {
            return true;
        }

        if (check == SequenceCheck.Stale)
        {
            Fail(FrameError.StaleSequence);
            return false;
        }

        OnSequenceGap(ref handler);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnSequenceGap<THandler>(ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.SequenceGaps++;
        PendingRequests |= SessionRequest.Resync;
        foreach (var subscription in Subscriptions)
        {
            SetResyncing(subscription!, ResyncReason.SequenceGap, ref handler);
        }
    }

    private FrameOutcome ApplyBookUpdate<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.State != BookSyncState.InSync)
        {
            Stats.BookUpdatesIgnored++;
            return FrameOutcome.Ignored;
        }

        var s = new JsonScanner(payload);
        var instrument = subscription.Instrument;
        if (!TryReadLevel(ref s, instrument.PriceScale, instrument.SizeScale, out var side, out var price, out var size, out var count, out var error)
            || !s.AtEnd)
        {
            return FailBook(subscription, error == FrameError.None ? FrameError.Malformed : error, ref handler);
        }

        Stats.BookUpdates++;
        ApplyLevel(subscription.Book!, side, price, size, count, BookUpdateFlags.None, receiveNanos, ref handler);
        subscription.Updates++;
        return FrameOutcome.BookUpdate;
    }

    private FrameOutcome ApplyBookSnapshot<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> payload, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = subscription.Book!;
        var instrument = subscription.Instrument;
        book.Clear();
        var s = new JsonScanner(payload);
        s.TryConsume((byte)'[');
        var flags = BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
        if (!s.TryConsume((byte)']'))
        {
            while (true)
            {
                if (!TryReadLevel(ref s, instrument.PriceScale, instrument.SizeScale, out var side, out var price, out var size, out var count, out var error))
                {
                    book.Clear();
                    return FailBook(subscription, error, ref handler);
                }

                var last = s.TryConsume((byte)']');
                if (!last && !s.TryConsume((byte)','))
                {
                    book.Clear();
                    return FailBook(subscription, FrameError.Malformed, ref handler);
                }

                Stats.SnapshotLevels++;
                ApplyLevel(book, side, price, size, count, last ? flags | BookUpdateFlags.SnapshotEnd : flags, receiveNanos, ref handler);
                flags = BookUpdateFlags.Snapshot;
                if (last)
                {
                    break;
                }
            }
        }

        return CompleteSnapshot(subscription, ref handler);
    }

    private FrameOutcome CompleteSnapshot<THandler>(BitfinexSubscription subscription, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.BookSnapshots++;
        subscription.Snapshots++;
        SetState(subscription, BookSyncState.InSync, ResyncReason.None, ref handler);
        return FrameOutcome.BookSnapshot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyLevel<THandler>(L2Book book, Side side, long price, long size, int count, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var change = book.Apply(side, price, size, count);
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

        var update = new BookUpdate(book.Instrument, side, price, size, count, flags, receiveNanos);
        handler.OnBookUpdate(in update);
    }

    /// <summary>Reads <c>[price,count,amount]</c>: count 0 deletes (amount 1 bid, -1 ask), amount sign is the side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLevel(ref JsonScanner s, int priceScale, int sizeScale, out Side side, out long price, out long size, out int count, out FrameError error)
    {
        side = Side.Bid;
        size = 0;
        count = 0;
        price = 0;
        if (!BitfinexFrameParser.TryReadTriple(ref s, out var priceToken, out var countToken, out var amountToken, out error)
            || !BitfinexFrameParser.TryParseFixed(priceToken, priceScale, out price, out error)
            || !BitfinexFrameParser.TryParseFixed(amountToken, sizeScale, out var amount, out error))
        {
            return false;
        }

        if (!JsonScanner.TryParseInt64(countToken, out var count64))
        {
            error = FrameError.InvalidNumber;
            return false;
        }

        if (count64 < 0 || count64 > int.MaxValue || amount == 0 || price <= 0)
        {
            error = FrameError.InvalidValue;
            return false;
        }

        side = amount > 0 ? Side.Bid : Side.Ask;
        count = (int)count64;
        size = count == 0 ? 0 : Math.Abs(amount);
        return true;
    }

    private FrameOutcome VerifyChecksum<THandler>(BitfinexSubscription subscription, ReadOnlySpan<byte> token, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.ChecksumFrames++;
        if (!JsonScanner.TryParseInt64(token, out var expected) || expected < int.MinValue || expected > int.MaxValue)
        {
            return Fail(FrameError.InvalidNumber);
        }

        if (subscription.Type != BitfinexChannelType.Book || subscription.State != BookSyncState.InSync)
        {
            Stats.ChecksumsSkipped++;
            return FrameOutcome.Ignored;
        }

        var actual = subscription.ChecksumText!.Checksum(subscription.Book!);
        if (actual == (int)expected)
        {
            Stats.ChecksumsVerified++;
            return FrameOutcome.Checksum;
        }

        Stats.ChecksumMismatches++;
        Resubscribe(subscription, ResyncReason.ChecksumMismatch, ref handler);
        return FrameOutcome.Checksum;
    }

    private FrameOutcome FailBook<THandler>(BitfinexSubscription subscription, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A lost update leaves the book wrong: get a fresh snapshot.
        Resubscribe(subscription, ResyncReason.MalformedFrame, ref handler);
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
