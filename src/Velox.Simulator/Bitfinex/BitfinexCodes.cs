namespace Velox.Simulator.Bitfinex;

/// <summary>Error and info codes of Bitfinex WebSocket v2 (docs and the venue's Go client constants).</summary>
public static class BitfinexCodes
{
    public const int UnknownEvent = 10000;
    public const int UnknownPair = 10001;
    public const int UnknownBookPrecision = 10011;
    public const int UnknownBookLength = 10012;
    public const int SubscriptionFailed = 10300;
    public const int AlreadySubscribed = 10301;
    public const int UnknownChannel = 10302;
    public const int UnsubscribeFailed = 10400;
    public const int NotSubscribed = 10401;

    /// <summary>Server restart: reconnect.</summary>
    public const int Reconnect = 20051;

    /// <summary>Maintenance starts: pause activity until <see cref="MaintenanceEnd"/>.</summary>
    public const int MaintenanceStart = 20060;

    /// <summary>Maintenance ended: resubscribe.</summary>
    public const int MaintenanceEnd = 20061;
}
