using System.Globalization;
using System.Text;

namespace Velox.Admin.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` once per family, then its
/// samples; label values and help text escaped; histograms as cumulative `_bucket{le}` ending with `+Inf`,
/// then `_sum` and `_count`. Used on the admin thread only (it allocates).
/// </summary>
public sealed class MetricsWriter
{
    /// <summary>The Content-Type of this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text;

    public MetricsWriter(StringBuilder text) => _text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>Starts a family; every sample written until the next family belongs to it.</summary>
    public void Family(string name, string help, MetricType type)
    {
        MetricNames.Validate(name);
        _text.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(help, escapeQuote: false);
        _text.Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
    }

    /// <summary>One sample: name{labels} value.</summary>
    public void Sample(string name, ReadOnlySpan<MetricLabel> labels, double value)
    {
        AppendSeries(name, labels, null);
        _text.Append(' ');
        AppendValue(value);
        _text.Append('\n');
    }

    /// <summary>One sample with an integer value (counters).</summary>
    public void Sample(string name, ReadOnlySpan<MetricLabel> labels, long value)
    {
        AppendSeries(name, labels, null);
        _text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>
    /// One histogram series: a `_bucket` per bound (<paramref name="cumulative"/> counts, non-decreasing),
    /// the `+Inf` bucket equal to <paramref name="count"/>, then `_sum` (seconds) and `_count`.
    /// </summary>
    public void Histogram(string name, ReadOnlySpan<MetricLabel> labels, ReadOnlySpan<long> boundsNanos, ReadOnlySpan<long> cumulative, long count, long sumNanos)
    {
        var bucket = name + "_bucket";
        var previous = 0L;
        for (var i = 0; i < boundsNanos.Length; i++)
        {
            // Clamp so the series stays cumulative even if a bound's count was read from a coarser bucket.
            previous = Math.Min(Math.Max(previous, cumulative[i]), count);
            AppendSeries(bucket, labels, SecondsText(boundsNanos[i]));
            _text.Append(' ').Append(previous.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AppendSeries(bucket, labels, "+Inf");
        _text.Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Sample(name + "_sum", labels, sumNanos / 1e9);
        Sample(name + "_count", labels, count);
    }

    /// <summary>Nanoseconds as a decimal number of seconds ("0.0000025"), exact for whole nanoseconds.</summary>
    public static string SecondsText(long nanos) =>
        (nanos / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);

    private void AppendSeries(string name, ReadOnlySpan<MetricLabel> labels, string? le)
    {
        _text.Append(name);
        if (labels.Length == 0 && le is null)
        {
            return;
        }

        _text.Append('{');
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(labels[i].Name).Append("=\"");
            AppendEscaped(labels[i].Value, escapeQuote: true);
            _text.Append('"');
        }

        if (le is not null)
        {
            _text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
        }

        _text.Append('}');
    }

    private void AppendValue(double value)
    {
        if (double.IsNaN(value))
        {
            _text.Append("NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            _text.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            _text.Append("-Inf");
        }
        else
        {
            _text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    // Label values escape backslash, double quote and line feed; HELP text escapes backslash and line feed.
    private void AppendEscaped(string text, bool escapeQuote)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '"' when escapeQuote:
                    _text.Append("\\\"");
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }
    }
}
