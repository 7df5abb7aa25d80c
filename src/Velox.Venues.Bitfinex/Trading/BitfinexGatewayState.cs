namespace Velox.Venues.Bitfinex.Trading;

/// <summary>Where the order gateway's connection stands.</summary>
public enum BitfinexGatewayState : byte
{
    /// <summary>No connection: nothing can be sent; new orders are refused locally.</summary>
    Disconnected = 0,

    /// <summary>Auth request queued, no answer yet.</summary>
    Authenticating,

    /// <summary>Auth OK; waiting for the order snapshot (os) to reconcile before sending orders.</summary>
    Reconciling,

    /// <summary>Authenticated and reconciled: orders go out.</summary>
    Ready,

    /// <summary>The server refused the auth request (see <see cref="BitfinexOrderGateway.LastAuthError"/>); no retry until reconnect.</summary>
    AuthFailed,
}
