namespace Velox.MarketData.Streams;

/// <summary>Receives every inbound venue frame, byte for byte, before it is parsed (e.g. to publish the raw stream).</summary>
public interface IRawFrameSink
{
    /// <summary>
    /// One WebSocket message as received; <paramref name="frame"/> is valid only during the call.
    /// <paramref name="connectionStart"/> marks the first frame of connection <paramref name="connectionId"/>.
    /// </summary>
    void OnRawFrame(ReadOnlySpan<byte> frame, bool isText, long receiveNanos, int connectionId, bool connectionStart);
}
