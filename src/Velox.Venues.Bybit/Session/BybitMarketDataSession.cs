using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Bybit.Parsing;
using Velox.Venues.Bybit.Requests;

namespace Velox.Venues.Bybit.Session;

/// <summary>
/// The public market-data state of ONE Bybit v5 WebSocket connection (one category), transport-agnostic:
/// feed it every received text frame (<see cref="ProcessFrame{THandler}"/>) and send what it queues in
/// <see cref="Outbound"/>. It owns one subscription per topic, the <c>orderbook</c> sync rules (snapshot
/// resets, <c>u</c> consecutive per topic on this connection, a snapshot with u = 1 is a service
/// restart) and resubscribes a topic whose rule broke. Bad input is counted per reason and skipped;
/// nothing throws out of ProcessFrame. Single-threaded; data frames allocate nothing.
/// </summary>
public sealed partial class BybitMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly BybitSessionOptions _options;
    private readonly BybitSubscription?[] _subscriptions;
    private readonly string _registryVenue;
    private int _subscriptionCount;

    /// <summary>Creates a session for a <paramref name="category"/> endpoint; symbols not in <paramref name="registry"/> are added with the default scales.</summary>
    public BybitMarketDataSession(InstrumentRegistry registry, BybitCategory category, BybitSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new BybitSessionOptions();
        _subscriptions = new BybitSubscription?[_options.MaxSubscriptions];
        _registryVenue = BybitVenue.RegistryVenue(category);
        Category = category;
        Outbound = new OutboundQueue(_options.OutboundCapacity, BybitRequests.MaxLength);
    }

    public BybitCategory Category { get; }

    public BybitSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Subscriptions in creation order.</summary>
    public ReadOnlySpan<BybitSubscription?> Subscriptions => _subscriptions.AsSpan(0, _subscriptionCount);

    /// <summary>Finds a subscription by its topic name.</summary>
    public BybitSubscription? Find(string topic) => Find(Encoding.UTF8.GetBytes(topic));

    /// <summary>Registers a topic (e.g. <c>orderbook.200.BTCUSDT</c>) and queues its subscribe request (cold path).</summary>
    public BybitSubscription Subscribe(string topic)
    {
        var subscription = FindOrAdd(Encoding.UTF8.GetBytes(topic), out var error)
            ?? throw new ArgumentException($"cannot subscribe {topic}: {error}", nameof(topic));
        QueueRequest(subscription, subscribe: true);
        return subscription;
    }

    /// <summary>
    /// Registers the topics of a subscribe request that was sent by someone else (a capture being
    /// replayed) without queuing anything: Bybit acks do not name their topics. Returns the topics added.
    /// </summary>
    public int Adopt(ReadOnlySpan<byte> request)
    {
        var s = new JsonScanner(request);
        if (!s.TryConsume((byte)'{'))
        {
            return 0;
        }

        ReadOnlySpan<byte> op = default, args = default;
        var index = 0;
        while (s.NextProperty(ref index, out var name) == JsonStep.Item)
        {
            var ok = name.SequenceEqual("op"u8) ? s.TryReadString(out op)
                : name.SequenceEqual("args"u8) ? s.TryReadComposite(out args)
                : s.TrySkipValue();
            if (!ok)
            {
                return 0;
            }
        }

        if (!op.SequenceEqual("subscribe"u8) || args.IsEmpty)
        {
            return 0;
        }

        var added = 0;
        var a = new JsonScanner(args);
        a.TryConsume((byte)'[');
        var element = 0;
        while (a.NextElement(ref element) == JsonStep.Item && a.TryReadString(out var topic))
        {
            var before = _subscriptionCount;
            FindOrAdd(topic, out _);
            added += _subscriptionCount - before;
        }

        return added;
    }

    /// <summary>A new connection is open: books wait for a fresh snapshot and every topic is queued again.</summary>
    public void OnConnected()
    {
        Stats.Connections++;
        Outbound.Clear();
        var handler = default(NullMarketDataHandler);
        foreach (var subscription in Subscriptions)
        {
            subscription!.LastUpdateId = -1;
            if (subscription.Book is not null)
            {
                SetState(subscription, BookSyncState.AwaitingSnapshot, ResyncReason.Reconnect, ref handler);
            }

            QueueRequest(subscription, subscribe: true);
        }
    }

    /// <summary>Queues <c>{"op":"ping"}</c>; the transport calls this every 20 s.</summary>
    public void QueuePing()
    {
        var slot = Outbound.BeginWrite();
        if (!BybitRequests.TryWritePing(slot, out var written))
        {
            CountError(FrameError.OutboundQueueFull);
            return;
        }

        Outbound.Commit(written);
        Stats.RequestsQueued++;
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
            if (!BybitFrameParser.TryParseEnvelope(frame, out var envelope, out var error))
            {
                return Fail(error);
            }

            if (envelope.Kind == BybitMessageKind.Reply)
            {
                return ProcessReply(in envelope);
            }

            var subscription = Find(envelope.Topic);
            if (subscription is null)
            {
                if (BybitTopicName.IsKline(envelope.Topic))
                {
                    Stats.KlineFrames++;
                    return FrameOutcome.Kline;
                }

                return Fail(FrameError.UnknownChannel);
            }

            var snapshot = envelope.Type.SequenceEqual("snapshot"u8);
            if (!snapshot && !envelope.Type.SequenceEqual("delta"u8))
            {
                return subscription.Topic == BybitTopic.OrderBook
                    ? FailBook(subscription, FrameError.UnknownType, ref handler)
                    : Fail(FrameError.UnknownType);
            }

            return subscription.Topic switch
            {
                BybitTopic.OrderBook => ProcessBook(subscription, snapshot, envelope.Data, receiveNanos, ref handler),
                BybitTopic.PublicTrade => ProcessTrades(subscription, envelope.Data, receiveNanos, ref handler),
                _ => ProcessTicker(subscription, snapshot, envelope.Data, envelope.CrossSequence, receiveNanos, ref handler),
            };
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private FrameOutcome ProcessReply(in BybitEnvelope envelope)
    {
        if (!envelope.Success)
        {
            return Fail(FrameError.VenueError);
        }

        // Linear answers a ping with op "ping" and ret_msg "pong"; spot with op "pong".
        if (envelope.Op.SequenceEqual("pong"u8) || envelope.ReturnMessage.SequenceEqual("pong"u8))
        {
            Stats.Pongs++;
            return FrameOutcome.Pong;
        }

        Stats.Replies++;
        return FrameOutcome.Reply;
    }

    private BybitSubscription? Find(ReadOnlySpan<byte> topic)
    {
        for (var i = 0; i < _subscriptionCount; i++)
        {
            var subscription = _subscriptions[i]!;
            if (subscription.TopicUtf8.SequenceEqual(topic))
            {
                return subscription;
            }
        }

        return null;
    }

    private BybitSubscription? FindOrAdd(ReadOnlySpan<byte> topic, out FrameError error)
    {
        error = FrameError.None;
        var existing = Find(topic);
        if (existing is not null)
        {
            return existing;
        }

        if (!BybitTopicName.TryParse(topic, out var kind, out var depth, out var symbolUtf8))
        {
            error = FrameError.UnknownChannel;
            return null;
        }

        if (_subscriptionCount == _subscriptions.Length)
        {
            error = FrameError.TooManySubscriptions;
            return null;
        }

        var symbol = Encoding.UTF8.GetString(symbolUtf8);
        if (!_registry.TryGet(_registryVenue, symbol, out var instrument))
        {
            instrument = _registry.Add(_registryVenue, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);
        }

        var subscription = new BybitSubscription(kind, depth, topic, instrument, depth * _options.BookCapacityFactor);
        _subscriptions[_subscriptionCount++] = subscription;
        return subscription;
    }

    private void QueueRequest(BybitSubscription subscription, bool subscribe)
    {
        var slot = Outbound.BeginWrite();
        var ok = subscribe
            ? BybitRequests.TryWriteSubscribe(slot, subscription.TopicUtf8, out var written)
            : BybitRequests.TryWriteUnsubscribe(slot, subscription.TopicUtf8, out written);
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
