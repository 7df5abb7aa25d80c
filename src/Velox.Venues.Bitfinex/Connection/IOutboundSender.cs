namespace Velox.Venues.Bitfinex.Connection;

/// <summary>
/// The send side of a connector, without its handler type: order paths that write into the session's
/// outbound queue flush it at once and read when the bytes went to the socket (tick-to-trade).
/// </summary>
public interface IOutboundSender
{
    /// <summary>Monotonic ns taken right before the latest message was handed to the socket's send.</summary>
    long LastSendNanos { get; }

    /// <summary>Sends what is queued now; returns messages sent.</summary>
    int FlushOutbound();
}
