namespace Velox.Net.WebSockets;

/// <summary>A decoded frame header (RFC 6455 section 5.2).</summary>
public readonly struct WebSocketFrameHeader
{
    public WebSocketFrameHeader(bool fin, byte opcode, bool masked, uint maskKey, long payloadLength, int headerLength)
    {
        Fin = fin;
        Opcode = opcode;
        Masked = masked;
        MaskKey = maskKey;
        PayloadLength = payloadLength;
        HeaderLength = headerLength;
    }

    /// <summary>Last frame of a message.</summary>
    public bool Fin { get; }

    /// <summary>One of <see cref="WebSocketOpcode"/>.</summary>
    public byte Opcode { get; }

    public bool Masked { get; }

    /// <summary>The four key bytes as they sit in memory (wire order), ready for <see cref="WebSocketMask.Apply"/>.</summary>
    public uint MaskKey { get; }

    public long PayloadLength { get; }

    /// <summary>Bytes taken by the header: 2 to 14.</summary>
    public int HeaderLength { get; }

    /// <summary>Header plus payload.</summary>
    public long FrameLength => HeaderLength + PayloadLength;
}
