namespace Velox.Simulator.Bitfinex;

/// <summary>Where a session's outbound text frames go: a WebSocket connection, or a test recorder.</summary>
public interface IFrameSink
{
    /// <summary>Sends one complete text frame; the span is only valid during the call.</summary>
    void Send(ReadOnlySpan<byte> utf8Frame);

    /// <summary>Ends the connection; abrupt = drop the transport without a close handshake.</summary>
    void Close(bool abrupt);
}
