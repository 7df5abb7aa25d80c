namespace Velox.Net.WebSockets;

/// <summary>
/// Receives what <see cref="WebSocketConnection.Poll{THandler}(ref THandler)"/> decodes. Implement it on a
/// struct so the calls are direct and inlinable. Spans are valid only during the call.
/// </summary>
public interface IWebSocketHandler
{
    /// <summary>A complete (reassembled) text or binary message.</summary>
    /// <param name="payload">The unmasked payload; valid only during the call.</param>
    /// <param name="isText">True for text (already checked to be UTF-8 when validation is on).</param>
    /// <param name="receiveTimestamp">MonotonicClock nanoseconds taken when the read that completed the message returned.</param>
    void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp);

    /// <summary>
    /// The connection ended: the peer's close code (or 1005 if it sent none), the code we failed the
    /// connection with after a violation, or 1006 when TCP ended without a close frame.
    /// </summary>
    void OnClose(int closeStatus, ReadOnlySpan<byte> reason);
}
