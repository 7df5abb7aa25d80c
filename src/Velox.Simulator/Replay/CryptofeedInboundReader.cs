using System.Text;

namespace Velox.Simulator.Replay;

/// <summary>
/// Reads the inbound WebSocket frames of a cryptofeed v1 capture ("&lt;unix_ts&gt;: &lt;frame&gt;" lines),
/// skipping client→server lines ("&lt;url&gt; &lt;- ts: ..."), REST lines ("&lt;url&gt; -&gt; ts: ..."),
/// connection markers and the "configuration:" header. Binary (bytes-literal) frames are skipped too:
/// the Bitfinex dialect is text only.
/// </summary>
public sealed class CryptofeedInboundReader : ICapturedFrameSource, IDisposable
{
    private readonly TextReader _reader;

    /// <summary>Reads from <paramref name="reader"/>, which the reader then owns.</summary>
    public CryptofeedInboundReader(TextReader reader) => _reader = reader;

    /// <summary>Opens a capture file.</summary>
    public static CryptofeedInboundReader Open(string path) => new(new StreamReader(path, Encoding.UTF8));

    /// <inheritdoc/>
    public bool TryRead(out CapturedFrame frame)
    {
        while (_reader.ReadLine() is { } line)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || !TryParseTimestamp(line.AsSpan(0, colon), out var nanos))
            {
                continue;
            }

            var body = line.AsSpan(colon + 2);
            if (body.StartsWith("b'") || body.StartsWith("b\""))
            {
                continue;
            }

            frame = new CapturedFrame(nanos, Encoding.UTF8.GetBytes(body.ToString()));
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>Parses "1618677543.83163" (Unix seconds) into nanoseconds without going through double.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long nanos)
    {
        nanos = 0;
        long seconds = 0;
        long fraction = 0;
        var fractionDigits = 0;
        var seenDot = false;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.' && !seenDot)
            {
                seenDot = true;
            }
            else if (c is >= '0' and <= '9' && digits < 18)
            {
                digits++;
                if (!seenDot)
                {
                    seconds = (seconds * 10) + (c - '0');
                }
                else if (fractionDigits < 9)
                {
                    fraction = (fraction * 10) + (c - '0');
                    fractionDigits++;
                }
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        for (; fractionDigits < 9; fractionDigits++)
        {
            fraction *= 10;
        }

        nanos = (seconds * 1_000_000_000) + fraction;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();
}
