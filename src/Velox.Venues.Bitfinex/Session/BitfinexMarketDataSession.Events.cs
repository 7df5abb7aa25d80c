using System.Runtime.CompilerServices;
using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Requests;

namespace Velox.Venues.Bitfinex.Session;

// Events, subscriptions and the sync state machine: the cold path (may allocate on subscribe).
public sealed partial class BitfinexMarketDataSession
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome ProcessEvent<THandler>(ReadOnlySpan<byte> frame, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!BitfinexEventParser.TryParse(frame, out var e, out var error))
        {
            return Fail(error);
        }

        Stats.Events++;
        switch (e.Kind)
        {
            case BitfinexEventKind.Info:
                OnInfo(in e, ref handler);
                break;
            case BitfinexEventKind.Conf:
                if (e.StatusOk && e.Flags >= 0)
                {
                    Flags = (BitfinexConfFlags)e.Flags;
                }
                else
                {
                    return Fail(FrameError.VenueError);
                }

                break;
            case BitfinexEventKind.Subscribed:
                return OnSubscribed(in e, ref handler);
            case BitfinexEventKind.Unsubscribed:
                if (_channels.TryGetValue(e.ChannelId, out var index))
                {
                    _channels.Remove(e.ChannelId);
                    _subscriptions[index]!.ChannelId = -1;
                }

                break;
            case BitfinexEventKind.Auth:
                AccountChannel?.OnAuthEvent(in e);
                break;
            case BitfinexEventKind.Error:
                return Fail(FrameError.VenueError);
        }

        return FrameOutcome.Event;
    }

    private void OnInfo<THandler>(in BitfinexEvent e, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.InfoEvents++;
        if (e.Version >= 0)
        {
            // The greeting: a second one on the same stream means the peer sees a new connection.
            if (_infoSeen)
            {
                ResetConnection(ResyncReason.Reconnect, ref handler);
                PendingRequests |= SessionRequest.NewConnectionDetected;
            }

            _infoSeen = true;
            PlatformStatus = e.PlatformStatus;
            if (e.PlatformStatus == 0)
            {
                PauseAll(ref handler);
            }

            return;
        }

        switch (e.Code)
        {
            case BitfinexVenue.InfoServerRestart:
                PendingRequests |= SessionRequest.Reconnect;
                foreach (var subscription in Subscriptions)
                {
                    SetResyncing(subscription!, ResyncReason.Reconnect, ref handler);
                }

                break;
            case BitfinexVenue.InfoMaintenanceStart:
                PauseAll(ref handler);
                break;
            case BitfinexVenue.InfoMaintenanceEnd:
                PendingRequests &= ~SessionRequest.Pause;
                foreach (var subscription in Subscriptions)
                {
                    Resubscribe(subscription!, ResyncReason.Maintenance, ref handler);
                }

                break;
        }
    }

    private void PauseAll<THandler>(ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        PendingRequests |= SessionRequest.Pause;
        foreach (var subscription in Subscriptions)
        {
            if (subscription!.State != BookSyncState.Paused)
            {
                Stats.Resyncs++;
                subscription.Resyncs++;
                SetState(subscription, BookSyncState.Paused, ResyncReason.Maintenance, ref handler);
            }
        }
    }

    private FrameOutcome OnSubscribed<THandler>(in BitfinexEvent e, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (e.ChannelId < 0 || e.Symbol.IsEmpty)
        {
            return Fail(FrameError.UnknownEvent);
        }

        var type = ChannelTypeOf(e.Channel, e.Precision);
        BitfinexSubscription? subscription = null;
        foreach (var candidate in Subscriptions)
        {
            if (candidate!.Matches(type, e.Symbol, e.Precision, e.Length))
            {
                subscription = candidate;
                break;
            }
        }

        if (subscription is null)
        {
            // Not requested through this session (e.g. a replayed capture): adopt it.
            var symbol = Encoding.UTF8.GetString(e.Symbol);
            var isBook = type is BitfinexChannelType.Book or BitfinexChannelType.RawBook;
            var length = isBook ? (int)(e.Length > 0 ? e.Length : BitfinexVenue.DefaultBookLength) : 0;
            subscription = Register(
                type,
                Resolve(symbol),
                isBook ? Encoding.ASCII.GetString(e.Precision) : string.Empty,
                isBook ? (e.Frequency.IsEmpty ? "F0" : Encoding.ASCII.GetString(e.Frequency)) : string.Empty,
                length);
            if (subscription is null)
            {
                return Fail(FrameError.TooManySubscriptions);
            }
        }

        if (subscription.ChannelId >= 0)
        {
            _channels.Remove(subscription.ChannelId);
        }

        if (_channels.TryGetValue(e.ChannelId, out var previous))
        {
            _subscriptions[previous]!.ChannelId = -1;
        }

        _channels.TrySet(e.ChannelId, subscription.Index);
        subscription.ChannelId = e.ChannelId;
        if (subscription.State != BookSyncState.AwaitingSnapshot)
        {
            SetState(subscription, BookSyncState.AwaitingSnapshot, subscription.LastResyncReason, ref handler);
        }

        return FrameOutcome.Event;
    }

    private static BitfinexChannelType ChannelTypeOf(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> precision) => channel switch
    {
        _ when channel.SequenceEqual("book"u8) => precision.SequenceEqual("R0"u8) ? BitfinexChannelType.RawBook : BitfinexChannelType.Book,
        _ when channel.SequenceEqual("trades"u8) => BitfinexChannelType.Trades,
        _ when channel.SequenceEqual("ticker"u8) => BitfinexChannelType.Ticker,
        _ => BitfinexChannelType.Unknown,
    };

    private void ResetConnection(ResyncReason reason)
    {
        var handler = default(NullMarketDataHandler);
        ResetConnection(reason, ref handler);
    }

    private void ResetConnection<THandler>(ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.Connections++;
        _channels.Clear();
        _sequence.Reset();
        _infoSeen = false;
        Flags = BitfinexConfFlags.None;
        foreach (var subscription in Subscriptions)
        {
            subscription!.ChannelId = -1;
            SetResyncing(subscription, reason, ref handler);
        }
    }

    /// <summary>Marks the book Resyncing and queues unsubscribe (if bound) + subscribe.</summary>
    private void Resubscribe<THandler>(BitfinexSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        SetResyncing(subscription, reason, ref handler);
        if (subscription.ChannelId >= 0)
        {
            var slot = Outbound.BeginWrite();
            if (!BitfinexRequests.TryWriteUnsubscribe(slot, subscription.ChannelId, out var written))
            {
                CountError(FrameError.OutboundQueueFull);
                return;
            }

            CommitOutbound(written);
        }

        QueueSubscribe(subscription);
    }

    private void SetResyncing<THandler>(BitfinexSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A subscription that never had a snapshot has nothing to resync: it is still awaiting its first one.
        if (subscription.State == BookSyncState.AwaitingSnapshot ||
            (subscription.State == BookSyncState.Resyncing && subscription.LastResyncReason == reason))
        {
            return;
        }

        Stats.Resyncs++;
        subscription.Resyncs++;
        SetState(subscription, BookSyncState.Resyncing, reason, ref handler);
    }

    private static void SetState<THandler>(BitfinexSubscription subscription, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.State = state;
        if (reason != ResyncReason.None)
        {
            subscription.LastResyncReason = reason;
        }

        handler.OnBookState(subscription.Instrument.Id, state, reason);
    }

    private void QueueSubscribe(BitfinexSubscription subscription)
    {
        var slot = Outbound.BeginWrite();
        var symbol = subscription.Instrument.SymbolUtf8.Span;
        var written = 0;
        var ok = subscription.Type switch
        {
            BitfinexChannelType.Book or BitfinexChannelType.RawBook => BitfinexRequests.TryWriteSubscribeBook(
                slot, symbol, subscription.PrecisionUtf8, subscription.FrequencyUtf8, subscription.Length, out written),
            BitfinexChannelType.Trades => BitfinexRequests.TryWriteSubscribeTrades(slot, symbol, out written),
            BitfinexChannelType.Ticker => BitfinexRequests.TryWriteSubscribeTicker(slot, symbol, out written),
            _ => false,
        };
        if (ok)
        {
            CommitOutbound(written);
        }
        else if (subscription.Type != BitfinexChannelType.Unknown)
        {
            CountError(FrameError.OutboundQueueFull);
        }
    }

    private void CommitOutbound(int written)
    {
        Outbound.Commit(written);
        Stats.RequestsQueued++;
    }

    private BitfinexSubscription? Register(BitfinexChannelType type, Instrument instrument, string precision, string frequency, int length)
    {
        if (_subscriptionCount == _subscriptions.Length)
        {
            return null;
        }

        var subscription = new BitfinexSubscription(_subscriptionCount, type, instrument, precision, frequency, Math.Max(length, 1));
        _subscriptions[_subscriptionCount++] = subscription;
        return subscription;
    }

    private Instrument Resolve(string symbol) =>
        _registry.TryGet(BitfinexVenue.Name, symbol, out var instrument)
            ? instrument
            : _registry.Add(BitfinexVenue.Name, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);
}
