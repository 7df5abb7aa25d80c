using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Htx.Parsing;
using Velox.Venues.Htx.Requests;

namespace Velox.Venues.Htx.Session;

// Topics, pings, acks and the sync state: the cold path (may allocate on subscribe).
public sealed partial class HtxMarketDataSession
{
    /// <summary>Finds a topic's subscription, or null.</summary>
    public HtxSubscription? Find(string topic) =>
        _topics.TryGetIndex(Encoding.UTF8.GetBytes(topic), out var index) ? _subscriptions[index] : null;

    /// <summary>Subscribes <c>market.{symbol}.depth.step0</c> (symbol as HTX writes it, e.g. "btcusdt").</summary>
    public HtxSubscription SubscribeDepth(string symbol) => Subscribe($"market.{symbol}.depth.step0");

    /// <summary>Subscribes <c>market.{symbol}.trade.detail</c>.</summary>
    public HtxSubscription SubscribeTrades(string symbol) => Subscribe($"market.{symbol}.trade.detail");

    /// <summary>A new connection is open: books wait for their first push and every topic is subscribed again.</summary>
    public void OnConnected()
    {
        Stats.Connections++;
        Outbound.Clear();
        var handler = default(NullMarketDataHandler);
        foreach (var subscription in Subscriptions)
        {
            subscription.Acknowledged = false;
            subscription.LastSequence = -1;
            if (subscription.State == BookSyncState.InSync)
            {
                SetResyncing(subscription, ResyncReason.Reconnect, ref handler);
            }

            QueueSubscribe(subscription);
        }
    }

    private HtxSubscription Subscribe(string topic)
    {
        var subscription = Register(Encoding.UTF8.GetBytes(topic))
            ?? throw new ArgumentException($"not a depth.step0 or trade.detail topic, or more than {_subscriptions.Length} topics: {topic}", nameof(topic));
        QueueSubscribe(subscription);
        return subscription;
    }

    private FrameOutcome OnPing(ReadOnlySpan<byte> number)
    {
        Stats.Pings++;
        var slot = Outbound.BeginWrite();
        if (!HtxRequests.TryWritePong(slot, number, out var written))
        {
            return Fail(FrameError.OutboundQueueFull);
        }

        Outbound.Commit(written);
        Stats.PongsQueued++;
        Stats.RequestsQueued++;
        return FrameOutcome.Ping;
    }

    /// <summary>
    /// <c>{"id":..,"status":"ok","subbed":"market..."}</c>. Topics this session did not request (a replayed
    /// capture) are adopted so their pushes are not rejected as unknown.
    /// </summary>
    private FrameOutcome OnAck(ReadOnlySpan<byte> status, ReadOnlySpan<byte> subbed)
    {
        if (!status.SequenceEqual("ok"u8))
        {
            return Fail(FrameError.VenueError);
        }

        Stats.Acks++;
        if (!subbed.IsEmpty)
        {
            var subscription = Register(subbed);
            if (subscription is null)
            {
                return Fail(_topics.Count == _subscriptions.Length ? FrameError.TooManySubscriptions : FrameError.UnexpectedType);
            }

            subscription.Acknowledged = true;
        }

        return FrameOutcome.Ack;
    }

    private void SetResyncing<THandler>(HtxSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.Kind != HtxTopicKind.Depth || (subscription.State == BookSyncState.Resyncing && subscription.LastResyncReason == reason))
        {
            return;
        }

        Stats.Resyncs++;
        subscription.Resyncs++;
        SetState(subscription, BookSyncState.Resyncing, reason, ref handler);
    }

    private static void SetState<THandler>(HtxSubscription subscription, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.State = state;
        if (reason != ResyncReason.None)
        {
            subscription.LastResyncReason = reason;
        }

        handler.OnBookState(subscription.Instrument.Id, state, reason);
    }

    private void QueueSubscribe(HtxSubscription subscription)
    {
        var slot = Outbound.BeginWrite();
        if (!HtxRequests.TryWriteSubscribe(slot, subscription.TopicUtf8, out var written))
        {
            CountError(FrameError.OutboundQueueFull);
            return;
        }

        Outbound.Commit(written);
        Stats.RequestsQueued++;
    }

    /// <summary>Registers <c>market.{symbol}.depth.step0</c> or <c>market.{symbol}.trade.detail</c>; null for other topics or when full.</summary>
    private HtxSubscription? Register(ReadOnlySpan<byte> topic)
    {
        if (_topics.TryGetIndex(topic, out var existing))
        {
            return _subscriptions[existing];
        }

        if (topic.Length > HtxRequests.MaxTopicLength || !topic.StartsWith("market."u8))
        {
            return null;
        }

        var rest = topic["market."u8.Length..];
        var dot = rest.IndexOf((byte)'.');
        if (dot <= 0)
        {
            return null;
        }

        var kind = rest[dot..] switch
        {
            var t when t.SequenceEqual(".depth.step0"u8) => HtxTopicKind.Depth,
            var t when t.SequenceEqual(".trade.detail"u8) => HtxTopicKind.Trades,
            _ => HtxTopicKind.Unknown,
        };
        if (kind == HtxTopicKind.Unknown || !_topics.TryAdd(topic, out var index))
        {
            return null;
        }

        var instrument = Resolve(Encoding.UTF8.GetString(rest[..dot]));
        var subscription = new HtxSubscription(index, Encoding.UTF8.GetString(topic), kind, instrument, _options.BookDepth);
        _subscriptions[index] = subscription;
        return subscription;
    }

    private Instrument Resolve(string symbol) =>
        _registry.TryGet(HtxVenue.Name, symbol, out var instrument)
            ? instrument
            : _registry.Add(HtxVenue.Name, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);
}
