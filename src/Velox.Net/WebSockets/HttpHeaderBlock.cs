using System.Text;

namespace Velox.Net.WebSockets;

/// <summary>A parsed HTTP/1.1 start line and headers of the upgrade exchange (cold path: strings are fine here).</summary>
internal sealed class HttpHeaderBlock
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    private HttpHeaderBlock(string startLine) => StartLine = startLine;

    public string StartLine { get; }

    public static HttpHeaderBlock Parse(ReadOnlySpan<byte> block)
    {
        var text = Encoding.Latin1.GetString(block);
        var lines = text.Split("\r\n");
        var result = new HttpHeaderBlock(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            // Repeated headers are equivalent to one comma-separated header (RFC 9110 section 5.3).
            result._headers[name] = result._headers.TryGetValue(name, out var previous) ? previous + ", " + value : value;
        }

        return result;
    }

    public string? this[string name] => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the comma-separated header contains <paramref name="token"/> (case-insensitive).</summary>
    public bool HasToken(string name, string token)
    {
        var value = this[name];
        if (value is null)
        {
            return false;
        }

        foreach (var part in value.Split(','))
        {
            if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
