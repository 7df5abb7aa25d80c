using System.Buffers;
using System.Buffers.Text;
using System.Text;
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
/// bytes literals like the shared HTX captures. Optionally only one venue's messages (<see cref="RawFrameHeader.VenueId"/>).
/// REST responses (<see cref="RawFrameHeader.RestResponseFlag"/>: md's Binance depth snapshots) are not inbound
/// frames: they go to a separate cryptofeed REST capture (<c>&lt;url&gt; -&gt; &lt;unix seconds.nanoseconds&gt;: &lt;body&gt;</c>, as
/// <c>*.http.*</c> files, what <c>velox replay-check --snapshots</c> reads) when one is given, else they are skipped and
/// counted. The recording holds the request's path and query, not the REST host: the URL is written under
/// <see cref="RestHost"/>. Stops at the first damaged message; what was valid before it stays in the output.
/// </summary>
public sealed class CryptofeedExport
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Stands for the REST host in exported REST lines (a reserved name: the host is not recorded).</summary>
    public const string RestHost = "http://rest.invalid";

    private readonly RecordingReader _reader;
    private readonly short? _venueId;
    private byte[] _line = new byte[4096];

    /// <summary>
    /// An export of the recording read by <paramref name="reader"/> (positioned at its start), of the messages of
    /// <paramref name="venueId"/> only when given.
    /// </summary>
    public CryptofeedExport(RecordingReader reader, short? venueId = null)
    {
        _reader = reader;
        _venueId = venueId;
    }

    /// <summary>Frames written so far.</summary>
    public long Frames { get; private set; }

    /// <summary>REST responses written to the REST output so far.</summary>
    public long RestResponses { get; private set; }

    /// <summary>REST responses skipped because no REST output was given.</summary>
    public long SkippedRestResponses { get; private set; }

    /// <summary>Messages of other venues than the one asked for.</summary>
    public long OtherVenueMessages { get; private set; }

    /// <summary>Why the export stopped early (file, offset, message number); null when it reached the end.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Writes every frame to <paramref name="output"/>, and every REST response to <paramref name="restOutput"/> when
    /// given; false when a damaged message stopped it (see <see cref="Error"/>).
    /// </summary>
    public bool WriteTo(Stream output, Stream? restOutput = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var wallOffset = 0L;
        var started = false;
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
            if (!RawFrameRecords.TryGetFrame(_reader, out var frame, out var error))
            {
                Error = error;
                return false;
            }

            if (_venueId is { } venue && RawFrameHeader.VenueId(message) != venue)
            {
                OtherVenueMessages++;
                continue;
            }

            var receiveNanos = RawFrameHeader.ReceiveNanos(message);
            if (!started)
            {
                started = true;
                wallOffset = _reader.Descriptor.StartTimeNanos - receiveNanos;
            }

            if (RawFrameHeader.IsRestResponse(message))
            {
                if (!RawFrameRecords.TrySplitRestResponse(_reader, frame, out var request, out var body, out error))
                {
                    Error = error;
                    return false;
                }

                if (restOutput is null)
                {
                    SkippedRestResponses++;
                }
                else
                {
                    restOutput.Write(FormatRestLine(receiveNanos + wallOffset, request, body));
                    RestResponses++;
                }

                continue;
            }

            var binary = (RawFrameHeader.Flags(message) & RawFrameHeader.BinaryFlag) != 0 || frame.IndexOfAny((byte)'\n', (byte)'\r') >= 0;
            output.Write(FormatLine(receiveNanos + wallOffset, frame, binary));
            Frames++;
        }
    }

    private static int FormatTime(long epochNanos, Span<byte> line)
    {
        Utf8Formatter.TryFormat(epochNanos / NanosPerSecond, line, out var length);
        line[length++] = (byte)'.';
        Utf8Formatter.TryFormat(epochNanos % NanosPerSecond, line[length..], out var fraction, new StandardFormat('D', 9));
        return length + fraction;
    }

    private Span<byte> Line(int needed)
    {
        if (_line.Length < needed)
        {
            _line = new byte[Math.Max(needed, _line.Length * 2)];
        }

        return _line.AsSpan();
    }

    /// <summary><c>&lt;url&gt; -&gt; &lt;unix seconds.nanoseconds&gt;: &lt;body&gt;</c>, a cryptofeed REST capture line.</summary>
    private ReadOnlySpan<byte> FormatRestLine(long epochNanos, ReadOnlySpan<byte> request, ReadOnlySpan<byte> body)
    {
        var line = Line(64 + RestHost.Length + request.Length + body.Length);
        var length = Encoding.ASCII.GetBytes(RestHost, line);
        if (request.IsEmpty || request[0] != (byte)'/')
        {
            line[length++] = (byte)'/';
        }

        request.CopyTo(line[length..]);
        length += request.Length;
        " -> "u8.CopyTo(line[length..]);
        length += 4;
        length += FormatTime(epochNanos, line[length..]);
        line[length++] = (byte)':';
        line[length++] = (byte)' ';
        body.CopyTo(line[length..]);
        length += body.Length;
        line[length++] = (byte)'\n';
        return line[..length];
    }

    private ReadOnlySpan<byte> FormatLine(long epochNanos, ReadOnlySpan<byte> frame, bool binary)
    {
        var line = Line(32 + (binary ? PythonBytesLiteral.MaxEncodedLength(frame.Length) : frame.Length));
        var length = FormatTime(epochNanos, line);
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
