using System.IO.Compression;
using System.Text.Json;
using Velox.Core.Numerics;

namespace Velox.MarketData.Capture;

/// <summary>
/// Reads the shared recording formats (cryptofeed v1 and v3, hftbacktest, Marfusios <c>;;</c> dumps,
/// one frame per line), gzip or plain, as a stream of <see cref="CaptureRecord"/>. Cold path: it
/// may allocate per record, but never loads the whole file. Used by replay and replay-check.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    private const int DetectBytes = 4096;
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static readonly byte[] DoubleSemicolon = ";;"u8.ToArray();

    private readonly SegmentReader _segments;
    private readonly Dictionary<string, int> _connections = new(StringComparer.Ordinal);
    private byte[] _unescaped = new byte[1024];

    private CaptureReader(Stream stream, CaptureFormat format)
    {
        _segments = new SegmentReader(stream, NewLine);
        Format = format == CaptureFormat.Auto ? Detect(_segments.Peek()) : format;
        if (Format == CaptureFormat.DoubleSemicolon)
        {
            _segments.SetDelimiter(DoubleSemicolon);
        }
    }

    /// <summary>The format being read (detected when opened with <see cref="CaptureFormat.Auto"/>).</summary>
    public CaptureFormat Format { get; }

    /// <summary>Segments (lines or <c>;;</c> frames) consumed so far, including skipped empty ones.</summary>
    public long SegmentsRead { get; private set; }

    /// <summary>Lines that did not match the format (returned as Meta records).</summary>
    public long UnrecognizedLines { get; private set; }

    /// <summary>Opens a file; ".gz" files are decompressed on the fly.</summary>
    public static CaptureReader Open(string path, CaptureFormat format = CaptureFormat.Auto)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new CaptureReader(stream, format);
    }

    /// <summary>Reads from an already-decompressed stream (the reader takes ownership).</summary>
    public static CaptureReader Open(Stream stream, CaptureFormat format = CaptureFormat.Auto) => new(stream, format);

    /// <summary>Detects the format from the first bytes of a capture.</summary>
    public static CaptureFormat Detect(ReadOnlySpan<byte> head)
    {
        var firstLineEnd = head.IndexOf((byte)'\n');
        var firstLine = firstLineEnd >= 0 ? head[..firstLineEnd] : head[..Math.Min(head.Length, DetectBytes)];
        if (firstLine.IndexOf(DoubleSemicolon) >= 0)
        {
            return CaptureFormat.DoubleSemicolon;
        }

        if (firstLine.StartsWith("{\"t\":"u8))
        {
            return CaptureFormat.CryptofeedV3;
        }

        if (firstLine.StartsWith("configuration:"u8) || firstLine.IndexOf(" <-> "u8) >= 0 || firstLine.IndexOf(" -> "u8) >= 0)
        {
            return CaptureFormat.CryptofeedV1;
        }

        var digits = 0;
        while (digits < firstLine.Length && (uint)(firstLine[digits] - '0') <= 9)
        {
            digits++;
        }

        if (digits > 0 && digits < firstLine.Length)
        {
            return firstLine[digits] == (byte)' ' ? CaptureFormat.Hftbacktest : CaptureFormat.CryptofeedV1;
        }

        return CaptureFormat.FramePerLine;
    }

    /// <summary>Reads the next record; false at the end of the capture.</summary>
    public bool TryRead(out CaptureRecord record)
    {
        while (_segments.TryRead(out var segment))
        {
            SegmentsRead++;
            segment = TrimLineEnd(segment);
            if (segment.IsEmpty)
            {
                continue;
            }

            record = Format switch
            {
                CaptureFormat.CryptofeedV1 => ParseCryptofeedV1(segment),
                CaptureFormat.CryptofeedV3 => ParseCryptofeedV3(segment),
                CaptureFormat.Hftbacktest => ParseHftbacktest(segment),
                _ => new CaptureRecord(0, CaptureDirection.Inbound, 0, segment),
            };
            return true;
        }

        record = default;
        return false;
    }

    public void Dispose() => _segments.Dispose();

    private static ReadOnlyMemory<byte> TrimLineEnd(ReadOnlyMemory<byte> segment)
    {
        var span = segment.Span;
        var length = span.Length;
        while (length > 0 && (span[length - 1] == (byte)'\r' || span[length - 1] == (byte)'\n'))
        {
            length--;
        }

        return segment[..length];
    }

    private CaptureRecord ParseCryptofeedV1(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        if ((uint)(span[0] - '0') <= 9)
        {
            var colon = span.IndexOf(": "u8);
            if (colon > 0)
            {
                return new CaptureRecord(SecondsToNanos(span[..colon]), CaptureDirection.Inbound, 0, line[(colon + 2)..]);
            }
        }
        else
        {
            var space = span.IndexOf((byte)' ');
            if (space > 0)
            {
                var rest = span[(space + 1)..];
                if (rest.StartsWith("<-> "u8))
                {
                    return new CaptureRecord(SecondsToNanos(rest[4..]), CaptureDirection.Connect, 0, line[..space]);
                }

                var direction = rest.StartsWith("<- "u8) ? CaptureDirection.Outbound
                    : rest.StartsWith("-> "u8) ? CaptureDirection.Rest
                    : CaptureDirection.Meta;
                if (direction != CaptureDirection.Meta)
                {
                    var bodyStart = space + 1 + 3;
                    var colon = span[bodyStart..].IndexOf(": "u8);
                    if (colon > 0)
                    {
                        var ts = SecondsToNanos(span.Slice(bodyStart, colon));
                        return new CaptureRecord(ts, direction, 0, line[(bodyStart + colon + 2)..]);
                    }
                }
                else if (span.StartsWith("configuration:"u8))
                {
                    return new CaptureRecord(0, CaptureDirection.Meta, 0, line);
                }
            }
        }

        UnrecognizedLines++;
        return new CaptureRecord(0, CaptureDirection.Meta, 0, line);
    }

    private CaptureRecord ParseCryptofeedV3(ReadOnlyMemory<byte> line)
    {
        var direction = CaptureDirection.Meta;
        long ts = 0;
        var connection = 0;
        var frame = line;
        try
        {
            var reader = new Utf8JsonReader(line.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("t"u8) && reader.TokenType == JsonTokenType.String)
                {
                    direction = reader.ValueTextEquals("recv"u8) ? CaptureDirection.Inbound
                        : reader.ValueTextEquals("send"u8) ? CaptureDirection.Outbound
                        : reader.ValueTextEquals("http"u8) ? CaptureDirection.Rest
                        : reader.ValueTextEquals("connect"u8) ? CaptureDirection.Connect
                        : CaptureDirection.Meta;
                }
                else if (name.SequenceEqual("ts"u8) && reader.TokenType == JsonTokenType.Number)
                {
                    ts = SecondsToNanos(reader.ValueSpan);
                }
                else if (name.SequenceEqual("conn"u8) && reader.TokenType == JsonTokenType.String)
                {
                    connection = ConnectionOrdinal(reader.GetString()!);
                }
                else if ((name.SequenceEqual("data"u8) || (direction == CaptureDirection.Connect && name.SequenceEqual("addr"u8)))
                    && reader.TokenType == JsonTokenType.String)
                {
                    frame = Unescape(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            UnrecognizedLines++;
            return new CaptureRecord(0, CaptureDirection.Meta, 0, line);
        }

        if (direction == CaptureDirection.Meta)
        {
            frame = line;
        }

        return new CaptureRecord(ts, direction, connection, frame);
    }

    private CaptureRecord ParseHftbacktest(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var space = span.IndexOf((byte)' ');
        if (space > 0 && FixedPoint.TryParse(span[..space], 0, out var nanos))
        {
            return new CaptureRecord(nanos, CaptureDirection.Inbound, 0, line[(space + 1)..]);
        }

        UnrecognizedLines++;
        return new CaptureRecord(0, CaptureDirection.Meta, 0, line);
    }

    private int ConnectionOrdinal(string name)
    {
        if (!_connections.TryGetValue(name, out var ordinal))
        {
            ordinal = _connections.Count;
            _connections.Add(name, ordinal);
        }

        return ordinal;
    }

    private ReadOnlyMemory<byte> Unescape(ref Utf8JsonReader reader)
    {
        var needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (_unescaped.Length < needed)
        {
            _unescaped = new byte[Math.Max(needed, _unescaped.Length * 2)];
        }

        var written = reader.CopyString(_unescaped);
        return _unescaped.AsMemory(0, written);
    }

    /// <summary>Unix seconds with a fraction ("1618677543.8298671") to nanoseconds; digits past 1 ns are cut.</summary>
    private static long SecondsToNanos(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot >= 0 && text.Length - dot - 1 > 9)
        {
            text = text[..(dot + 10)];
        }

        return FixedPoint.TryParse(text, 9, out var nanos) ? nanos : 0;
    }
}
