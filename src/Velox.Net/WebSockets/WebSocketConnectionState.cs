namespace Velox.Net.WebSockets;

/// <summary>Lifecycle of a <see cref="WebSocketConnection"/>.</summary>
public enum WebSocketConnectionState
{
    /// <summary>Messages flow both ways.</summary>
    Open = 0,

    /// <summary>We sent a close frame and wait for the peer's; received messages are still delivered.</summary>
    CloseSent,

    /// <summary>Close frames were exchanged, or we failed the connection with a close code.</summary>
    Closed,

    /// <summary>TCP ended or broke without a close handshake.</summary>
    Aborted,
}
