using Velox.Core.Time;
using Velox.Net.WebSockets;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Hosting;

/// <summary>Sends a session's frames as WebSocket text (or binary) messages.</summary>
internal sealed class WebSocketFrameSink : IFrameSink
{
    private readonly WebSocketConnection _connection;
    private readonly WireToWireProbe? _probe;

    public WebSocketFrameSink(WebSocketConnection connection, WireToWireProbe? probe = null)
    {
        _connection = connection;
        _probe = probe;
    }

    /// <summary>Frames the connection refused (it was closing or the send failed).</summary>
    public long FailedSends { get; private set; }

    public void Send(ReadOnlySpan<byte> utf8Frame)
    {
        _probe?.OnFrameSent(utf8Frame, MonotonicClock.Now());
        if (!_connection.SendText(utf8Frame))
        {
            FailedSends++;
        }
    }

    public void SendBinary(ReadOnlySpan<byte> frame)
    {
        if (!_connection.SendBinary(frame))
        {
            FailedSends++;
        }
    }

    public void Close(bool abrupt)
    {
        if (abrupt)
        {
            // Dropping the socket without a close frame is what the client must survive (it sees 1006).
            _connection.Dispose();
        }
        else
        {
            _connection.SendClose(WebSocketCloseCode.NormalClosure, default);
        }
    }
}
