using Velox.Archive.Replay;
using Velox.Host.Topology;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Host.Archive;

/// <summary>
/// Feeds a recording of the raw inbound frames stream into a <see cref="BitfinexMarketDataSession"/> with no
/// network: every frame with its recorded receive time, and <see cref="BitfinexMarketDataSession.OnConnected"/>
/// at each connection start, as the live connector did. What the session queues to send is dropped. The
/// session and the handler see exactly what they saw live, so events, books and counters come out the same.
/// Only Bitfinex's messages (<see cref="TopologyStreams.BitfinexVenueId"/>) are fed: md records other venues' frames and
/// REST responses (<see cref="RawFrameHeader.RestResponseFlag"/>) into the same stream.
/// </summary>
public static class RawFrameSessionReplay
{
    /// <summary>
    /// Replays every message of <paramref name="reader"/>; returns <see cref="ReadStatus.End"/>, or
    /// <see cref="ReadStatus.Error"/> with the reason in <paramref name="error"/> (damaged recording or a message
    /// shorter than the raw frame header) after delivering every valid frame before it.
    /// </summary>
    public static ReadStatus Run<THandler>(RecordingReader reader, BitfinexMarketDataSession session, ref THandler handler, out string? error)
        where THandler : struct, IMarketDataHandler
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(session);
        ReadStatus status;
        while ((status = reader.MoveNext()) == ReadStatus.Message)
        {
            var message = reader.Message;
            if (!RawFrameRecords.TryGetFrame(reader, out var frame, out error))
            {
                return ReadStatus.Error;
            }

            if (RawFrameHeader.VenueId(message) != TopologyStreams.BitfinexVenueId || RawFrameHeader.IsRestResponse(message))
            {
                continue;
            }

            if ((RawFrameHeader.Flags(message) & RawFrameHeader.ConnectionStartFlag) != 0)
            {
                session.OnConnected();
            }

            session.ProcessFrame(frame, RawFrameHeader.ReceiveNanos(message), ref handler);
            session.TakeRequests();
            session.Outbound.Clear();
        }

        error = reader.Error;
        return status;
    }
}
