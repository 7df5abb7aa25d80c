namespace Velox.Venues.Binance.Trading;

/// <summary>Where the order gateway's WebSocket API connection stands.</summary>
public enum BinanceGatewayState : byte
{
    /// <summary>No connection: orders are refused locally.</summary>
    Disconnected = 0,

    /// <summary>userDataStream.subscribe.signature sent, no answer yet (orders wait: their fills would be missed).</summary>
    Subscribing,

    /// <summary>Subscribed to the user data stream: orders go out.</summary>
    Ready,

    /// <summary>Subscribed again after a drop: order.status answers for the orders in flight are awaited (new orders wait).</summary>
    Reconciling,

    /// <summary>The subscription was refused (see <see cref="BinanceOrderGateway.LastAuthError"/>).</summary>
    AuthFailed,
}
