using System.Text;
using Velox.Core.Numerics;

namespace Velox.MarketData.Replay;

/// <summary>
/// One REST depth snapshot from a separate cryptofeed capture (<c>*.http.*</c>): the instrument named in its
/// URL, the requested limit, and the body. Replay checks merge these into the stream by timestamp. The archive's raw
/// stream records them too (<see cref="FromRequest"/>).
/// </summary>
public sealed record RecordedRestSnapshot(long TimestampNanos, string Instrument, int Limit, byte[] Body)
{
    /// <summary>
    /// Reads cryptofeed REST lines <c>&lt;url&gt; -&gt; &lt;unix ts&gt;: &lt;body&gt;</c>, taking the instrument from
    /// the URL's <paramref name="instrumentParameter"/> (e.g. "symbol", "currency_pair"); sorted by time.
    /// Lines without that parameter or a readable timestamp are skipped.
    /// </summary>
    public static List<RecordedRestSnapshot> Load(string path, string instrumentParameter)
    {
        var list = new List<RecordedRestSnapshot>();
        foreach (var line in File.ReadLines(path))
        {
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            var colon = arrow < 0 ? -1 : line.IndexOf(": ", arrow, StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var url = new Uri(line[..arrow]);
            if (!FixedPoint.TryParse(Encoding.ASCII.GetBytes(line[(arrow + 4)..colon]), 9, out var nanos) ||
                FromRequest(nanos, url.Query, instrumentParameter, Encoding.UTF8.GetBytes(line[(colon + 2)..])) is not { } snapshot)
            {
                continue;
            }

            list.Add(snapshot);
        }

        list.Sort((a, b) => a.TimestampNanos.CompareTo(b.TimestampNanos));
        return list;
    }

    /// <summary>
    /// The snapshot answered to <paramref name="request"/> (a path and query, or just the query), the instrument
    /// taken from its <paramref name="instrumentParameter"/>, the limit from <c>limit</c> (0 when absent); null when
    /// the request names no instrument.
    /// </summary>
    public static RecordedRestSnapshot? FromRequest(long timestampNanos, string request, string instrumentParameter, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var question = request.IndexOf('?', StringComparison.Ordinal);
        var query = question < 0 ? string.Empty : request[question..];
        if (QueryValue(query, instrumentParameter) is not { } instrument)
        {
            return null;
        }

        _ = int.TryParse(QueryValue(query, "limit"), out var limit);
        return new RecordedRestSnapshot(timestampNanos, instrument, limit, body);
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).SequenceEqual(name))
            {
                return part[(eq + 1)..];
            }
        }

        return null;
    }
}
