using Velox.Net.WebSockets;

namespace Velox.Venues.Binance.Trading;

/// <summary>Where the gateway's requests go: a WebSocket API connection (or a recorder in tests).</summary>
public interface IBinanceTransport
{
    /// <summary>Sends one text message; false when the connection cannot take it.</summary>
    bool TrySend(ReadOnlySpan<byte> utf8);
}

/// <summary>Sends requests as WebSocket text frames.</summary>
public sealed class WebSocketTransport : IBinanceTransport
{
    public WebSocketTransport(WebSocketConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
    }

    public WebSocketConnection Connection { get; }

    public bool TrySend(ReadOnlySpan<byte> utf8) => Connection.State == WebSocketConnectionState.Open && Connection.SendText(utf8);
}
