namespace Velox.MarketData.Streams;

/// <summary>Receives every inbound venue frame, byte for byte, before it is parsed (e.g. to publish the raw stream), and the REST responses the session applies.</summary>
public interface IRawFrameSink
{
    /// <summary>
    /// One WebSocket message as received; <paramref name="frame"/> is valid only during the call.
    /// <paramref name="connectionStart"/> marks the first frame of connection <paramref name="connectionId"/>.
    /// </summary>
    void OnRawFrame(ReadOnlySpan<byte> frame, bool isText, long receiveNanos, int connectionId, bool connectionStart);

    /// <summary>
    /// A REST response handed to the session (cold path: a depth snapshot), at the point the session applies it:
    /// <paramref name="request"/> is the path and query asked for, <paramref name="body"/> the response body.
    /// <paramref name="connectionStart"/> marks the first record of connection <paramref name="connectionId"/> when no
    /// frame of it came first.
    /// </summary>
    void OnRestResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> body, long receiveNanos, int connectionId, bool connectionStart);
}
