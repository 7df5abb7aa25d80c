using Velox.Archive.Replay;
using Velox.MarketData.Streams;

namespace Velox.Host.Archive;

/// <summary>
/// The checks every reader of a raw inbound frames recording makes on the reader's current message
/// (<see cref="RawFrameHeader"/>), with the same error text (message number and position) when one fails.
/// </summary>
internal static class RawFrameRecords
{
    /// <summary>The current message's frame; false with the reason when the message is shorter than the raw frame header.</summary>
    public static bool TryGetFrame(RecordingReader reader, out ReadOnlySpan<byte> frame, out string? error)
    {
        var message = reader.Message;
        if (RawFrameHeader.TryGetFrame(message, out frame))
        {
            error = null;
            return true;
        }

        error = $"message {reader.MessageCount} at position {reader.MessagePosition} is {message.Length} bytes, shorter than the {RawFrameHeader.Length}-byte raw frame header";
        return false;
    }

    /// <summary>A REST response record's request and body; false with the reason when the request line is missing.</summary>
    public static bool TrySplitRestResponse(
        RecordingReader reader, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> request, out ReadOnlySpan<byte> body, out string? error)
    {
        if (RawFrameHeader.TrySplitRestResponse(frame, out request, out body))
        {
            error = null;
            return true;
        }

        error = $"message {reader.MessageCount} at position {reader.MessagePosition} is a REST response without its request line";
        return false;
    }
}
