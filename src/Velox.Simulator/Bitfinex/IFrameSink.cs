namespace Velox.Simulator.Bitfinex;

/// <summary>Where a session's outbound text frames go: a WebSocket connection, or a test recorder.</summary>
public interface IFrameSink
{
    /// <summary>Sends one complete text frame; the span is only valid during the call.</summary>
    void Send(ReadOnlySpan<byte> utf8Frame);

    /// <summary>Sends one complete binary frame (a venue that compresses its frames); the span is only valid during the call.</summary>
    void SendBinary(ReadOnlySpan<byte> frame);

    /// <summary>Ends the connection; abrupt = drop the transport without a close handshake.</summary>
    void Close(bool abrupt);
}
