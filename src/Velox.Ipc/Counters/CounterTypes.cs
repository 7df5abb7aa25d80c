namespace Velox.Ipc.Counters;

/// <summary>Counter type ids (Aeron's numbering).</summary>
public static class CounterTypes
{
    public const int PublisherLimit = 1;

    public const int SubscriberPosition = 4;

    /// <summary>Epoch-ms heartbeat of a subscribing client; registration id = client id.</summary>
    public const int ClientHeartbeat = 11;

    public const int PublisherPosition = 12;
}
