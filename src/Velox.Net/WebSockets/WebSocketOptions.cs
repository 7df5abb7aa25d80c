namespace Velox.Net.WebSockets;

/// <summary>Buffer sizes and limits of a connection; everything is allocated once when the connection opens.</summary>
public class WebSocketOptions
{
    /// <summary>Smallest receive or send buffer: a largest control frame plus a largest header, with room to spare.</summary>
    public const int MinBufferSize = 1024;

    /// <summary>Bytes read from the socket at most per receive; frames up to this size are delivered without copying.</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;

    /// <summary>Bytes handed to the socket per send call; larger frames go out in pieces.</summary>
    public int SendBufferSize { get; init; } = 64 * 1024;

    /// <summary>Largest message (after reassembly) accepted; a larger one fails the connection with 1009.</summary>
    public int MaxMessageSize { get; init; } = 1024 * 1024;

    /// <summary>Check text messages and close reasons for valid UTF-8 (1007 on failure), as RFC 6455 requires.</summary>
    public bool ValidateUtf8 { get; init; } = true;

    /// <summary>Limit for connect + TLS + HTTP upgrade.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a send may wait for socket buffer space before the connection is declared broken.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (ReceiveBufferSize < MinBufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveBufferSize), ReceiveBufferSize, $"must be at least {MinBufferSize}");
        }

        if (SendBufferSize < MinBufferSize)
        {
            throw new ArgumentOutOfRangeException(nameof(SendBufferSize), SendBufferSize, $"must be at least {MinBufferSize}");
        }

        if (MaxMessageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), MaxMessageSize, "must be positive");
        }

        if (HandshakeTimeout <= TimeSpan.Zero || SendTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HandshakeTimeout), "timeouts must be positive");
        }
    }
}
