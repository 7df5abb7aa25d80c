using System.Text;

namespace Velox.Logging.Formatting;

/// <summary>JSON string escaping over UTF-8 (cold paths: registration and free-text messages).</summary>
internal static class JsonText
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <summary>The value as a quoted, escaped JSON string in UTF-8.</summary>
    public static byte[] Quote(string value)
    {
        var line = new Utf8Line(value.Length + 8);
        line.AppendQuoted(value);
        return line.Written.ToArray();
    }

    /// <summary><c>"name":</c> in UTF-8.</summary>
    public static byte[] Key(string name)
    {
        var line = new Utf8Line(name.Length + 8);
        line.AppendQuoted(name);
        line.Append((byte)':');
        return line.Written.ToArray();
    }

    /// <summary>Worst-case escaped length of the UTF-8 form of a string (every byte as \u00XX).</summary>
    public static int MaxEscapedLength(string value) => (Encoding.UTF8.GetMaxByteCount(value.Length) * 6) + 2;

    /// <summary>
    /// Escapes UTF-8 bytes into <paramref name="destination"/>: quote, backslash and control characters;
    /// other bytes (multi-byte sequences included) pass through, which is valid JSON.
    /// </summary>
    public static int Escape(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var w = 0;
        foreach (var b in utf8)
        {
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')
            {
                destination[w++] = b;
                continue;
            }

            destination[w++] = (byte)'\\';
            switch (b)
            {
                case (byte)'"':
                case (byte)'\\':
                    destination[w++] = b;
                    break;
                case (byte)'\n':
                    destination[w++] = (byte)'n';
                    break;
                case (byte)'\r':
                    destination[w++] = (byte)'r';
                    break;
                case (byte)'\t':
                    destination[w++] = (byte)'t';
                    break;
                default:
                    destination[w++] = (byte)'u';
                    destination[w++] = (byte)'0';
                    destination[w++] = (byte)'0';
                    destination[w++] = Hex[b >> 4];
                    destination[w++] = Hex[b & 0xF];
                    break;
            }
        }

        return w;
    }
}
