using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Requests;

namespace Velox.Venues.Coinbase.Session;

// Products, subscriptions and the sync state machine: the cold path (may allocate on subscribe).
public sealed partial class CoinbaseMarketDataSession
{
    /// <summary>Finds a product by id, or null.</summary>
    public CoinbaseProduct? Find(string productId) =>
        _productIds.TryGetIndex(Encoding.UTF8.GetBytes(productId), out var index) ? _products[index] : null;

    /// <summary>Registers <paramref name="productId"/> on <paramref name="channels"/> and queues the subscribe message.</summary>
    public CoinbaseProduct Subscribe(string productId, CoinbaseChannels channels)
    {
        var product = Register(Encoding.UTF8.GetBytes(productId))
            ?? throw new InvalidOperationException($"more than {_products.Length} products or an id longer than {CoinbaseVenue.MaxProductIdLength} bytes");
        product.Channels |= channels;
        QueueRequest(product, channels, subscribe: true);
        return product;
    }

    /// <summary>
    /// A new connection is open: every book waits for a new snapshot, continuity restarts, and every
    /// product's subscription is queued again.
    /// </summary>
    public void OnConnected()
    {
        Stats.Connections++;
        Outbound.Clear();
        var handler = default(NullMarketDataHandler);
        foreach (var product in Products)
        {
            product.ResetContinuity();
            if (product.State == BookSyncState.InSync)
            {
                SetResyncing(product, ResyncReason.Reconnect, ref handler);
            }

            QueueRequest(product, product.Channels, subscribe: true);
        }
    }

    /// <summary>
    /// The server's list of active subscriptions. Products it names that this session did not request
    /// (a replayed capture) are adopted, so their data is not rejected as unknown.
    /// </summary>
    private FrameOutcome OnSubscriptions(ReadOnlySpan<byte> channels)
    {
        Stats.SubscriptionEvents++;
        var c = new JsonScanner(channels);
        if (!c.TryConsume((byte)'['))
        {
            return Fail(FrameError.UnexpectedType);
        }

        if (c.TryConsume((byte)']'))
        {
            return FrameOutcome.Event;
        }

        do
        {
            if (!c.TryReadRawValue(out var channel) || !TryAdoptChannel(channel))
            {
                return Fail(FrameError.Malformed);
            }
        }
        while (c.TryConsume((byte)','));

        return c.TryConsume((byte)']') ? FrameOutcome.Event : Fail(FrameError.Malformed);
    }

    /// <summary><c>{"name":"level2","product_ids":["BTC-USD",...]}</c></summary>
    private bool TryAdoptChannel(ReadOnlySpan<byte> channel)
    {
        var c = new JsonScanner(channel);
        if (!c.TryConsume((byte)'{'))
        {
            return false;
        }

        var type = CoinbaseChannels.None;
        ReadOnlySpan<byte> ids = default;
        do
        {
            if (!c.TryReadPropertyName(out var name))
            {
                return false;
            }

            if (name.SequenceEqual("name"u8))
            {
                if (!c.TryReadString(out var value))
                {
                    return false;
                }

                type = ChannelOf(value);
            }
            else if (name.SequenceEqual("product_ids"u8))
            {
                if (!c.TryReadRawValue(out ids))
                {
                    return false;
                }
            }
            else if (!c.TrySkipValue())
            {
                return false;
            }
        }
        while (c.TryConsume((byte)','));

        if (!c.TryConsume((byte)'}'))
        {
            return false;
        }

        var list = new JsonScanner(ids);
        if (ids.IsEmpty || !list.TryConsume((byte)'[') || list.TryConsume((byte)']'))
        {
            return !ids.IsEmpty;
        }

        do
        {
            if (!list.TryReadString(out var id))
            {
                return false;
            }

            var product = Register(id);
            if (product is null)
            {
                CountError(FrameError.TooManyProducts);
            }
            else
            {
                product.Channels |= type;
            }
        }
        while (list.TryConsume((byte)','));

        return list.TryConsume((byte)']');
    }

    private static CoinbaseChannels ChannelOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("level2"u8) => CoinbaseChannels.Level2,
        _ when name.SequenceEqual("ticker"u8) => CoinbaseChannels.Ticker,
        _ when name.SequenceEqual("matches"u8) => CoinbaseChannels.Matches,
        _ when name.SequenceEqual("heartbeat"u8) => CoinbaseChannels.Heartbeat,
        _ => CoinbaseChannels.None,
    };

    /// <summary>Marks the book Resyncing and queues unsubscribe + subscribe of level2, which brings a fresh snapshot.</summary>
    private void Resubscribe<THandler>(CoinbaseProduct product, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        SetResyncing(product, reason, ref handler);
        QueueRequest(product, CoinbaseChannels.Level2, subscribe: false);
        QueueRequest(product, CoinbaseChannels.Level2, subscribe: true);
    }

    private void SetResyncing<THandler>(CoinbaseProduct product, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (product.State == BookSyncState.Resyncing && product.LastResyncReason == reason)
        {
            return;
        }

        Stats.Resyncs++;
        product.Resyncs++;
        SetState(product, BookSyncState.Resyncing, reason, ref handler);
    }

    private static void SetState<THandler>(CoinbaseProduct product, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        product.State = state;
        if (reason != ResyncReason.None)
        {
            product.LastResyncReason = reason;
        }

        handler.OnBookState(product.Instrument.Id, state, reason);
    }

    private void QueueRequest(CoinbaseProduct product, CoinbaseChannels channels, bool subscribe)
    {
        if (channels == CoinbaseChannels.None)
        {
            return;
        }

        var slot = Outbound.BeginWrite();
        var id = product.Instrument.SymbolUtf8.Span;
        var ok = subscribe
            ? CoinbaseRequests.TryWriteSubscribe(slot, id, channels, out var written)
            : CoinbaseRequests.TryWriteUnsubscribe(slot, id, channels, out written);
        if (!ok)
        {
            CountError(FrameError.OutboundQueueFull);
            return;
        }

        Outbound.Commit(written);
        Stats.RequestsQueued++;
    }

    private CoinbaseProduct? Register(ReadOnlySpan<byte> productId)
    {
        if (productId.IsEmpty || productId.Length > CoinbaseVenue.MaxProductIdLength)
        {
            return null;
        }

        if (_productIds.TryGetIndex(productId, out var existing))
        {
            return _products[existing];
        }

        if (!_productIds.TryAdd(productId, out var index))
        {
            return null;
        }

        var product = new CoinbaseProduct(index, Resolve(Encoding.UTF8.GetString(productId)), _options.BookDepth);
        _products[index] = product;
        return product;
    }

    private Instrument Resolve(string productId) =>
        _registry.TryGet(CoinbaseVenue.Name, productId, out var instrument)
            ? instrument
            : _registry.Add(CoinbaseVenue.Name, productId, _options.DefaultPriceScale, _options.DefaultSizeScale);
}
