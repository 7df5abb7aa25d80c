using System.Buffers;
using System.Buffers.Text;
using Velox.Archive.Replay;
using Velox.MarketData.Capture;
using Velox.MarketData.Streams;

namespace Velox.Host.Archive;

/// <summary>
/// Writes the raw inbound frames of a recording (<see cref="RawFrameHeader"/> messages) as a cryptofeed v1
/// inbound capture: one <c>&lt;unix seconds.nanoseconds&gt;: &lt;frame&gt;</c> line per frame. Receive times
/// are monotonic, so the timestamp column is the recording's start wall time (catalog) plus the frame's
/// receive time minus the first frame's: the spacing between frames is exact, the absolute time is as good
/// as the catalog's start time. Binary frames, and text frames that hold a line break, are written as Python
/// bytes literals like the shared HTX captures. Stops at the first damaged message; what was valid before it
/// stays in the output.
/// </summary>
public sealed class CryptofeedExport
{
    private const long NanosPerSecond = 1_000_000_000;

    private readonly RecordingReader _reader;
    private byte[] _line = new byte[4096];

    /// <summary>An export of the recording read by <paramref name="reader"/> (positioned at its start).</summary>
    public CryptofeedExport(RecordingReader reader) => _reader = reader;

    /// <summary>Frames written so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Why the export stopped early (file, offset, message number); null when it reached the end.</summary>
    public string? Error { get; private set; }

    /// <summary>Writes every frame to <paramref name="output"/>; false when a damaged message stopped it (see <see cref="Error"/>).</summary>
    public bool WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var wallOffset = 0L;
        while (true)
        {
            switch (_reader.MoveNext())
            {
                case ReadStatus.End:
                    return true;
                case ReadStatus.Error:
                    Error = _reader.Error;
                    return false;
            }

            var message = _reader.Message;
            if (!RawFrameHeader.TryGetFrame(message, out var frame))
            {
                Error = $"message {_reader.MessageCount} at position {_reader.MessagePosition} is {message.Length} bytes, shorter than the {RawFrameHeader.Length}-byte raw frame header";
                return false;
            }

            var receiveNanos = RawFrameHeader.ReceiveNanos(message);
            if (Frames == 0)
            {
                wallOffset = _reader.Descriptor.StartTimeNanos - receiveNanos;
            }

            var binary = (RawFrameHeader.Flags(message) & RawFrameHeader.BinaryFlag) != 0 || frame.IndexOfAny((byte)'\n', (byte)'\r') >= 0;
            output.Write(FormatLine(receiveNanos + wallOffset, frame, binary));
            Frames++;
        }
    }

    private ReadOnlySpan<byte> FormatLine(long epochNanos, ReadOnlySpan<byte> frame, bool binary)
    {
        var needed = 32 + (binary ? PythonBytesLiteral.MaxEncodedLength(frame.Length) : frame.Length);
        if (_line.Length < needed)
        {
            _line = new byte[Math.Max(needed, _line.Length * 2)];
        }

        var line = _line.AsSpan();
        Utf8Formatter.TryFormat(epochNanos / NanosPerSecond, line, out var length);
        line[length++] = (byte)'.';
        Utf8Formatter.TryFormat(epochNanos % NanosPerSecond, line[length..], out var fraction, new StandardFormat('D', 9));
        length += fraction;
        line[length++] = (byte)':';
        line[length++] = (byte)' ';
        if (binary)
        {
            length += PythonBytesLiteral.Encode(frame, line[length..]);
        }
        else
        {
            frame.CopyTo(line[length..]);
            length += frame.Length;
        }

        line[length++] = (byte)'\n';
        return line[..length];
    }
}
