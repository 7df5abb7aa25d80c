using System.Text;
using Velox.Archive.Replay;
using Velox.Host.Topology;
using Velox.MarketData.Replay;
using Velox.MarketData.Streams;
using Velox.Venues.Binance.Replay;

namespace Velox.Host.Archive;

/// <summary>
/// Feeds the Binance messages (<see cref="TopologyStreams.BinanceVenueId"/>) of a raw inbound frames recording into a
/// <see cref="BinanceReplay"/> in recorded order, as md's Binance connector handed them to its session: a connection
/// start before the first record of each connection, every WebSocket frame with its receive time, and every REST depth
/// snapshot (<see cref="RawFrameHeader.RestResponseFlag"/>) where the live session applied it. Other venues are skipped.
/// </summary>
public static class BinanceRawFrameReplay
{
    /// <summary>
    /// Replays every Binance message of <paramref name="reader"/>; returns <see cref="ReadStatus.End"/>, or
    /// <see cref="ReadStatus.Error"/> with the reason in <paramref name="error"/> (damaged recording, a message shorter
    /// than the raw frame header, a REST record without its request) after delivering every valid message before it.
    /// </summary>
    public static ReadStatus Run(RecordingReader reader, BinanceReplay replay, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(replay);
        ReadStatus status;
        while ((status = reader.MoveNext()) == ReadStatus.Message)
        {
            var message = reader.Message;
            if (!RawFrameRecords.TryGetFrame(reader, out var frame, out error))
            {
                return ReadStatus.Error;
            }

            if (RawFrameHeader.VenueId(message) != TopologyStreams.BinanceVenueId)
            {
                continue;
            }

            if ((RawFrameHeader.Flags(message) & RawFrameHeader.ConnectionStartFlag) != 0)
            {
                replay.OnConnected();
            }

            var receiveNanos = RawFrameHeader.ReceiveNanos(message);
            if (!RawFrameHeader.IsRestResponse(message))
            {
                replay.ProcessFrame(frame, receiveNanos);
                continue;
            }

            if (!RawFrameRecords.TrySplitRestResponse(reader, frame, out var request, out var body, out error))
            {
                return ReadStatus.Error;
            }

            // A request that names no symbol is not a depth snapshot of a book: counted as unmatched.
            replay.ApplySnapshot(RecordedRestSnapshot.FromRequest(receiveNanos, Encoding.ASCII.GetString(request), "symbol", body.ToArray())
                ?? new RecordedRestSnapshot(receiveNanos, string.Empty, 0, body.ToArray()));
        }

        error = reader.Error;
        return status;
    }
}
