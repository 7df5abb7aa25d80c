namespace Velox.Simulator.Bitfinex;

/// <summary>Error and info codes of Bitfinex WebSocket v2 (docs and the venue's Go client constants).</summary>
public static class BitfinexCodes
{
    /// <summary>Unknown event, or a message that is not a JSON object.</summary>
    public const int UnknownEvent = 10000;

    /// <summary>Unknown "pair" in a subscribe.</summary>
    public const int UnknownPair = 10001;

    /// <summary>Book precision not served (the simulator serves P0).</summary>
    public const int UnknownBookPrecision = 10011;

    /// <summary>Book length other than 1, 25, 100, 250.</summary>
    public const int UnknownBookLength = 10012;

    /// <summary>Authentication failed: unknown key, bad signature, already authenticated, or an input before login.</summary>
    public const int AuthFailed = 10100;

    /// <summary>Authentication nonce not greater than the key's last one ("nonce: small").</summary>
    public const int NonceSmall = 10114;

    /// <summary>Subscription refused (unknown symbol, bad frequency, channel limit).</summary>
    public const int SubscriptionFailed = 10300;

    /// <summary>The same channel and symbol are already subscribed.</summary>
    public const int AlreadySubscribed = 10301;

    /// <summary>Unknown channel name.</summary>
    public const int UnknownChannel = 10302;

    /// <summary>Unsubscribe for a chanId the connection does not hold.</summary>
    public const int NotSubscribed = 10401;

    /// <summary>Server restart: reconnect.</summary>
    public const int Reconnect = 20051;

    /// <summary>Maintenance starts: pause activity until <see cref="MaintenanceEnd"/>.</summary>
    public const int MaintenanceStart = 20060;

    /// <summary>Maintenance ended: resubscribe.</summary>
    public const int MaintenanceEnd = 20061;
}
