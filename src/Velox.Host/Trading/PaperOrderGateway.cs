using Velox.Core.Instruments;
using Velox.Strategies.Execution;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading;

/// <summary>
/// The Bitfinex order gateway as the strategies' <see cref="IOrderGateway"/>: the router has already passed
/// risk and placed the order in the OMS, so this encodes it into the connection's outbound queue and flushes
/// the queue at once (the order does not wait for the rest of the read's frames). Within a market-data decision
/// (<see cref="Decisions"/>) the cancels ahead of the first new order are queued and leave with it in one write,
/// and what follows the first order leaves in one write when the decision ends: a requote costs two send()
/// calls instead of one per message, and the venue still sees every cancel before the order that replaces it.
/// Nothing is sent before the gateway is authenticated and reconciled.
/// </summary>
public sealed class PaperOrderGateway : IOrderGateway
{
    private readonly BitfinexOrderGateway _gateway;

    /// <param name="gateway">The gateway attached to the connector's session.</param>
    /// <param name="endpoint">Where the connector connects; paper mode requires loopback.</param>
    public PaperOrderGateway(BitfinexOrderGateway gateway, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(endpoint);
        _gateway = gateway;
        IsLoopback = endpoint.IsLoopback;
    }

    /// <summary>The connector that sends the queue; set once it exists (before its first DoWork).</summary>
    public IOutboundSender? Sender { get; set; }

    /// <summary>The md thread's decisions, which say when a message may wait for the rest of its decision; null: always flush.</summary>
    public TickToTrade? Decisions { get; set; }

    public bool IsLoopback { get; }

    public bool HasCredentials => true;

    public bool TrySendNew(long clientOrderId, in OrderRequest order)
    {
        if (_gateway.State != BitfinexGatewayState.Ready || !_gateway.SendNew(clientOrderId))
        {
            return false;
        }

        if (Decisions is not { DefersOrders: true })
        {
            Sender?.FlushOutbound();
        }

        return true;
    }

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument)
    {
        if (_gateway.State != BitfinexGatewayState.Ready || !_gateway.SendCancel(clientOrderId))
        {
            return false;
        }

        if (Decisions is not { DefersCancels: true })
        {
            Sender?.FlushOutbound();
        }

        return true;
    }

    /// <summary>
    /// Sends the <c>ou</c> of an order in PendingReplace, flushed like a new order. Once the gateway has it, the gateway
    /// books its own refusals (a replace reject), so this is false only when nothing was booked (not ready).
    /// </summary>
    public bool TrySendAmend(long clientOrderId, InstrumentId instrument)
    {
        if (_gateway.State != BitfinexGatewayState.Ready)
        {
            return false;
        }

        _gateway.SendAmend(clientOrderId);
        if (Decisions is not { DefersOrders: true })
        {
            Sender?.FlushOutbound();
        }

        return true;
    }

    public bool TrySendCancelAll(InstrumentId instrument)
    {
        // Bitfinex's oc_multi {"all":1} cancels the whole account; the gateway retries it once ready.
        var sent = _gateway.SendCancelAll();
        Sender?.FlushOutbound();
        return sent;
    }
}
