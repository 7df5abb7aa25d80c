namespace Velox.Net.WebSockets;

/// <summary>The HTTP upgrade failed: wrong status, missing or wrong headers, bad accept key, timeout.</summary>
public sealed class WebSocketHandshakeException : Exception
{
    public WebSocketHandshakeException()
    {
    }

    public WebSocketHandshakeException(string message)
        : base(message)
    {
    }

    public WebSocketHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the server answered with, or 0 when no status line was read.</summary>
    public int StatusCode { get; init; }
}
