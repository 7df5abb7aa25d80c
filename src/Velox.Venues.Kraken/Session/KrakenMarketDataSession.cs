using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Collections;
using Velox.MarketData.Events;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Kraken.Parsing;
using Velox.Venues.Kraken.Requests;

namespace Velox.Venues.Kraken.Session;

/// <summary>
/// The public market-data state of ONE Kraken WebSocket v1 connection, transport-agnostic: feed it
/// every received text frame (<see cref="ProcessFrame{THandler}"/>) and send what it queues in
/// <see cref="Outbound"/>. It owns the channelID table, one subscription per channel + pair (+ depth),
/// the book sync state machine (snapshot, per-message checksum over the depth-truncated book) and
/// resubscribes a book whose rule broke. Bad input is counted per reason and skipped; nothing throws
/// out of ProcessFrame. Single-threaded; data frames allocate nothing.
/// </summary>
public sealed partial class KrakenMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly KrakenSessionOptions _options;
    private readonly KrakenSubscription?[] _subscriptions;
    private readonly LongKeyMap _channels;
    private int _subscriptionCount;

    /// <summary>Creates a session; pairs not in <paramref name="registry"/> are added with the default scales.</summary>
    public KrakenMarketDataSession(InstrumentRegistry registry, KrakenSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new KrakenSessionOptions();
        _subscriptions = new KrakenSubscription?[_options.MaxSubscriptions];
        _channels = new LongKeyMap(_options.MaxSubscriptions);
        Outbound = new OutboundQueue(_options.OutboundCapacity, KrakenRequests.MaxLength);
    }

    public KrakenSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Subscriptions in creation order.</summary>
    public ReadOnlySpan<KrakenSubscription?> Subscriptions => _subscriptions.AsSpan(0, _subscriptionCount);

    /// <summary>Finds a subscription by channel and pair (any depth for books).</summary>
    public KrakenSubscription? Find(KrakenChannel channel, string pair)
    {
        foreach (var subscription in Subscriptions)
        {
            if (subscription!.Channel == channel && subscription.Instrument.Symbol == pair)
            {
                return subscription;
            }
        }

        return null;
    }

    /// <summary>Registers a book subscription and queues its subscribe request (cold path).</summary>
    public KrakenSubscription SubscribeBook(string pair, int depth = KrakenVenue.DefaultBookDepth) =>
        Subscribe(KrakenChannel.Book, pair, depth);

    /// <summary>Registers a trade subscription and queues its subscribe request (cold path).</summary>
    public KrakenSubscription SubscribeTrades(string pair) => Subscribe(KrakenChannel.Trade, pair, 0);

    /// <summary>Registers a ticker subscription and queues its subscribe request (cold path).</summary>
    public KrakenSubscription SubscribeTicker(string pair) => Subscribe(KrakenChannel.Ticker, pair, 0);

    /// <summary>A new connection is open: channel ids are forgotten, books wait for a snapshot, every subscription is queued again.</summary>
    public void OnConnected()
    {
        Stats.Connections++;
        Outbound.Clear();
        _channels.Clear();
        var handler = default(NullMarketDataHandler);
        foreach (var subscription in Subscriptions)
        {
            subscription!.ChannelId = -1;
            if (subscription.Book is not null)
            {
                SetState(subscription, BookSyncState.AwaitingSnapshot, ResyncReason.Reconnect, ref handler);
            }

            QueueRequest(subscription, subscribe: true);
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
            var first = frame.TrimStart((byte)' ');
            if (first.IsEmpty)
            {
                return Fail(FrameError.Empty);
            }

            if (first[0] == (byte)'{')
            {
                return KrakenEvent.TryParse(frame, out var parsedEvent) ? ProcessEvent(in parsedEvent) : Fail(FrameError.Malformed);
            }

            if (!KrakenChannelFrame.TryParse(frame, out var parsed))
            {
                return Fail(FrameError.Malformed);
            }

            if (!_channels.TryGetValue(parsed.ChannelId, out var index))
            {
                return Fail(FrameError.UnknownChannel);
            }

            var subscription = _subscriptions[index]!;
            return subscription.Channel switch
            {
                KrakenChannel.Book => ProcessBook(subscription, in parsed, receiveNanos, ref handler),
                KrakenChannel.Trade => ProcessTrades(subscription, parsed.First, receiveNanos, ref handler),
                _ => ProcessTicker(subscription, parsed.First, receiveNanos, ref handler),
            };
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private KrakenSubscription Subscribe(KrakenChannel channel, string pair, int depth)
    {
        var subscription = FindOrAdd(channel, Encoding.UTF8.GetBytes(pair), depth)
            ?? throw new InvalidOperationException($"more than {_subscriptions.Length} subscriptions");
        QueueRequest(subscription, subscribe: true);
        return subscription;
    }

    private FrameOutcome ProcessEvent(in KrakenEvent parsed)
    {
        Stats.Events++;
        var name = parsed.Name;
        if (name.SequenceEqual("heartbeat"u8))
        {
            Stats.Heartbeats++;
            return FrameOutcome.Heartbeat;
        }

        if (name.SequenceEqual("pong"u8))
        {
            Stats.Pongs++;
            return FrameOutcome.Pong;
        }

        if (name.SequenceEqual("systemStatus"u8))
        {
            Stats.SystemStatus++;
            return FrameOutcome.Event;
        }

        if (name.SequenceEqual("error"u8) || parsed.Status.SequenceEqual("error"u8))
        {
            return Fail(FrameError.VenueError);
        }

        return name.SequenceEqual("subscriptionStatus"u8) ? ProcessSubscriptionStatus(in parsed) : FrameOutcome.Event;
    }

    private FrameOutcome ProcessSubscriptionStatus(in KrakenEvent parsed)
    {
        var channelName = parsed.SubscriptionName.IsEmpty ? parsed.ChannelName : parsed.SubscriptionName;
        if (!KrakenRequests.TryParseChannel(channelName, out var channel) || parsed.Pair.IsEmpty || parsed.ChannelId < 0)
        {
            return Fail(FrameError.UnknownChannel);
        }

        if (parsed.Status.SequenceEqual("unsubscribed"u8))
        {
            _channels.Remove(parsed.ChannelId);
            return FrameOutcome.Event;
        }

        var depth = channel == KrakenChannel.Book ? (int)(parsed.Depth > 0 ? parsed.Depth : KrakenVenue.DefaultBookDepth) : 0;

        // Acks of subscriptions made elsewhere (e.g. a capture being replayed) are adopted.
        var subscription = FindOrAdd(channel, parsed.Pair, depth);
        if (subscription is null || !_channels.TrySet(parsed.ChannelId, Array.IndexOf(_subscriptions, subscription)))
        {
            return Fail(FrameError.TooManySubscriptions);
        }

        subscription.ChannelId = parsed.ChannelId;
        return FrameOutcome.Event;
    }

    private KrakenSubscription? FindOrAdd(KrakenChannel channel, ReadOnlySpan<byte> pair, int depth)
    {
        foreach (var existing in Subscriptions)
        {
            if (existing!.Matches(channel, pair, depth))
            {
                return existing;
            }
        }

        if (_subscriptionCount == _subscriptions.Length)
        {
            return null;
        }

        var symbol = Encoding.UTF8.GetString(pair);
        if (!_registry.TryGet(KrakenVenue.Name, symbol, out var instrument))
        {
            instrument = _registry.Add(KrakenVenue.Name, symbol, _options.DefaultPriceScale ?? KrakenVenue.DefaultPriceScale(pair), _options.DefaultSizeScale);
        }

        var subscription = new KrakenSubscription(channel, instrument, depth);
        _subscriptions[_subscriptionCount++] = subscription;
        return subscription;
    }

    private void QueueRequest(KrakenSubscription subscription, bool subscribe)
    {
        var slot = Outbound.BeginWrite();
        var pair = subscription.Instrument.SymbolUtf8.Span;
        var ok = subscribe
            ? KrakenRequests.TryWriteSubscribe(slot, subscription.Channel, pair, subscription.Depth, out var written)
            : KrakenRequests.TryWriteUnsubscribe(slot, subscription.Channel, pair, subscription.Depth, out written);
        if (!ok)
        {
            CountError(FrameError.OutboundQueueFull);
            return;
        }

        Outbound.Commit(written);
        Stats.RequestsQueued++;
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
