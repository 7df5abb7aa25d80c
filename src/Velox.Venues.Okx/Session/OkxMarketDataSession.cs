using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Outbound;
using Velox.MarketData.Sync;
using Velox.Venues.Okx.Parsing;
using Velox.Venues.Okx.Requests;

namespace Velox.Venues.Okx.Session;

/// <summary>
/// The public market-data state of ONE OKX v5 WebSocket connection, transport-agnostic: feed it every
/// received text frame (<see cref="ProcessFrame{THandler}"/>) and send what it queues in
/// <see cref="Outbound"/>. It owns one subscription per channel + instId, the <c>books</c> sync state
/// machine (snapshot, seqId continuity when present, per-message checksum) and resubscribes a book
/// whose rule broke. Bad input is counted per reason and skipped; nothing throws out of ProcessFrame.
/// Single-threaded; data frames allocate nothing.
/// </summary>
public sealed partial class OkxMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly OkxSessionOptions _options;
    private readonly OkxSubscription?[] _subscriptions;
    private int _subscriptionCount;

    /// <summary>Creates a session; instIds not in <paramref name="registry"/> are added with the default scales.</summary>
    public OkxMarketDataSession(InstrumentRegistry registry, OkxSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new OkxSessionOptions();
        _subscriptions = new OkxSubscription?[_options.MaxSubscriptions];
        Outbound = new OutboundQueue(_options.OutboundCapacity, OkxRequests.MaxLength);
    }

    public OkxSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>Subscriptions in creation order.</summary>
    public ReadOnlySpan<OkxSubscription?> Subscriptions => _subscriptions.AsSpan(0, _subscriptionCount);

    /// <summary>Finds a subscription by channel and instId.</summary>
    public OkxSubscription? Find(OkxChannel channel, string instId) => Find(channel, Encoding.UTF8.GetBytes(instId));

    /// <summary>Registers a subscription and queues its subscribe request (cold path).</summary>
    public OkxSubscription Subscribe(OkxChannel channel, string instId)
    {
        var subscription = FindOrAdd(channel, Encoding.UTF8.GetBytes(instId))
            ?? throw new InvalidOperationException($"more than {_subscriptions.Length} subscriptions");
        QueueRequest(subscription, subscribe: true);
        return subscription;
    }

    /// <summary>A new connection is open: books wait for a fresh snapshot and every subscription is queued again.</summary>
    public void OnConnected()
    {
        Stats.Connections++;
        Outbound.Clear();
        var handler = default(NullMarketDataHandler);
        foreach (var subscription in Subscriptions)
        {
            subscription!.LastSeqId = -1;
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
            if (!OkxFrameParser.TryParseEnvelope(frame, out var envelope, out var error))
            {
                return Fail(error);
            }

            switch (envelope.Kind)
            {
                case OkxMessageKind.Pong:
                    Stats.Pongs++;
                    return FrameOutcome.Pong;
                case OkxMessageKind.Event:
                    return ProcessEvent(in envelope);
            }

            if (!OkxRequests.TryParseChannel(envelope.Channel, out var channel))
            {
                return Fail(FrameError.UnknownChannel);
            }

            var subscription = Find(channel, envelope.InstId);
            if (subscription is null)
            {
                return Fail(FrameError.UnknownChannel);
            }

            return channel switch
            {
                OkxChannel.Books => ProcessBook(subscription, envelope.Action, envelope.Data, receiveNanos, ref handler),
                OkxChannel.Trades => ProcessTrades(subscription, envelope.Data, receiveNanos, ref handler),
                _ => ProcessTickers(subscription, envelope.Data, receiveNanos, ref handler),
            };
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FrameError.Internal);
        }
    }

    private FrameOutcome ProcessEvent(in OkxEnvelope envelope)
    {
        Stats.Events++;
        var name = envelope.EventName;
        if (name.SequenceEqual("error"u8))
        {
            return Fail(FrameError.VenueError);
        }

        if (name.SequenceEqual("subscribe"u8))
        {
            // Acks of subscriptions made elsewhere (e.g. a capture being replayed) are adopted.
            if (!OkxRequests.TryParseChannel(envelope.Channel, out var channel) || envelope.InstId.IsEmpty)
            {
                return Fail(FrameError.UnknownChannel);
            }

            if (FindOrAdd(channel, envelope.InstId) is null)
            {
                return Fail(FrameError.TooManySubscriptions);
            }
        }

        return FrameOutcome.Event;
    }

    private OkxSubscription? Find(OkxChannel channel, ReadOnlySpan<byte> instId)
    {
        for (var i = 0; i < _subscriptionCount; i++)
        {
            var subscription = _subscriptions[i]!;
            if (subscription.Matches(channel, instId))
            {
                return subscription;
            }
        }

        return null;
    }

    private OkxSubscription? FindOrAdd(OkxChannel channel, ReadOnlySpan<byte> instId)
    {
        var existing = Find(channel, instId);
        if (existing is not null || _subscriptionCount == _subscriptions.Length)
        {
            return existing;
        }

        var symbol = Encoding.UTF8.GetString(instId);
        if (!_registry.TryGet(OkxVenue.Name, symbol, out var instrument))
        {
            instrument = _registry.Add(OkxVenue.Name, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);
        }

        var subscription = new OkxSubscription(channel, instrument, _options.BookCapacity);
        _subscriptions[_subscriptionCount++] = subscription;
        return subscription;
    }

    private void QueueRequest(OkxSubscription subscription, bool subscribe)
    {
        var slot = Outbound.BeginWrite();
        var instId = subscription.Instrument.SymbolUtf8.Span;
        var ok = subscribe
            ? OkxRequests.TryWriteSubscribe(slot, subscription.Channel, instId, out var written)
            : OkxRequests.TryWriteUnsubscribe(slot, subscription.Channel, instId, out written);
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
