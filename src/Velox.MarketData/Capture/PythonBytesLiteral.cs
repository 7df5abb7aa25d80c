namespace Velox.MarketData.Capture;

/// <summary>
/// Decodes the Python bytes literals (<c>b'\x1f\x8b...'</c> or <c>b"..."</c>) in which cryptofeed v1
/// captures store binary frames (HTX gzip). Handles the escapes Python's repr produces: <c>\xHH</c>,
/// <c>\\</c>, <c>\'</c>, <c>\"</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> (and <c>\a \b \f \v \0</c>).
/// Encodes in the same form Python's repr writes, so exported captures read like the shared ones.
/// </summary>
public static class PythonBytesLiteral
{
    /// <summary>True when <paramref name="text"/> has the shape <c>b'...'</c> or <c>b"..."</c>.</summary>
    public static bool IsLiteral(ReadOnlySpan<byte> text) =>
        text.Length >= 3 && text[0] == (byte)'b' && (text[1] == (byte)'\'' || text[1] == (byte)'"') && text[^1] == text[1];

    /// <summary>Decodes a literal into <paramref name="destination"/> (at most as long as the literal); false when it is not a valid literal or does not fit.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> literal, Span<byte> destination, out int written)
    {
        written = 0;
        if (!IsLiteral(literal))
        {
            return false;
        }

        var body = literal[2..^1];
        for (var i = 0; i < body.Length; i++)
        {
            if (written == destination.Length)
            {
                return false;
            }

            var c = body[i];
            if (c != (byte)'\\')
            {
                destination[written++] = c;
                continue;
            }

            if (++i == body.Length)
            {
                return false;
            }

            switch (body[i])
            {
                case (byte)'x':
                    if (i + 2 >= body.Length || !TryHex(body[i + 1], out var hi) || !TryHex(body[i + 2], out var lo))
                    {
                        return false;
                    }

                    destination[written++] = (byte)((hi << 4) | lo);
                    i += 2;
                    break;
                case (byte)'\\':
                case (byte)'\'':
                case (byte)'"':
                    destination[written++] = body[i];
                    break;
                case (byte)'n':
                    destination[written++] = (byte)'\n';
                    break;
                case (byte)'r':
                    destination[written++] = (byte)'\r';
                    break;
                case (byte)'t':
                    destination[written++] = (byte)'\t';
                    break;
                case (byte)'a':
                    destination[written++] = 7;
                    break;
                case (byte)'b':
                    destination[written++] = 8;
                    break;
                case (byte)'f':
                    destination[written++] = 12;
                    break;
                case (byte)'v':
                    destination[written++] = 11;
                    break;
                case (byte)'0':
                    destination[written++] = 0;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Longest literal <see cref="Encode"/> can write for <paramref name="length"/> bytes.</summary>
    public static int MaxEncodedLength(int length) => 3 + (4 * length);

    /// <summary>
    /// Writes <paramref name="bytes"/> as <c>b'...'</c> (printable ASCII as is; <c>\\ \' \t \n \r</c>; other bytes
    /// <c>\xHH</c>) into <paramref name="destination"/> (at least <see cref="MaxEncodedLength"/>); returns the length.
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        var written = 0;
        destination[written++] = (byte)'b';
        destination[written++] = (byte)'\'';
        foreach (var c in bytes)
        {
            var escape = c switch
            {
                (byte)'\\' => (byte)'\\',
                (byte)'\'' => (byte)'\'',
                (byte)'\t' => (byte)'t',
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                _ => (byte)0,
            };
            if (escape != 0)
            {
                destination[written++] = (byte)'\\';
                destination[written++] = escape;
            }
            else if (c is >= 0x20 and < 0x7F)
            {
                destination[written++] = c;
            }
            else
            {
                destination[written++] = (byte)'\\';
                destination[written++] = (byte)'x';
                destination[written++] = HexDigit(c >> 4);
                destination[written++] = HexDigit(c & 0xF);
            }
        }

        destination[written++] = (byte)'\'';
        return written;
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static bool TryHex(byte c, out int value)
    {
        value = c <= (byte)'9' ? c - '0' : (c | 0x20) - 'a' + 10;
        return (uint)value < 16 && (c <= (byte)'9' ? c >= (byte)'0' : (uint)((c | 0x20) - 'a') < 6);
    }
}
