using System.Globalization;
using System.Security;
using System.Text;
using Velox.Core.Metrics;

namespace Velox.BenchReport;

/// <summary>
/// Percentile curves as a hand-written SVG, drawn like HdrHistogram's plots: x is 1/(1-p) on a log scale
/// (labelled 0 %, 90 %, 99 %, 99.9 % ...), y the latency on a log scale (the scenarios span 100 ns to
/// milliseconds). One curve per histogram from its HdrHistogram percentile rows; the 100 % row (x infinite)
/// is left out and the maximum is printed in the legend instead.
/// </summary>
internal static class LatencyPlot
{
    private const int Width = 1000;
    private const int Height = 560;
    private const int Left = 80;
    private const int Right = 330;
    private const int Top = 40;
    private const int Bottom = 60;

    private static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    public sealed record Curve(string Label, LatencyHistogram Histogram, long Max);

    public static string Render(IReadOnlyList<Curve> curves)
    {
        var inv = CultureInfo.InvariantCulture;
        var series = curves
            .Select(c => (c.Label, c.Max, Points: HdrPercentileDistribution.Iterate(c.Histogram).Where(p => p.Percentile < 100).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        var svg = new StringBuilder();
        svg.AppendLine(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(inv, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.AppendLine(inv, $"<text x=\"{Left}\" y=\"24\" font-size=\"15\">Latency by percentile (HdrHistogram style: x = 1/(1-p), log; y = latency, log)</text>");
        if (series.Count == 0)
        {
            svg.AppendLine(inv, $"<text x=\"{Left}\" y=\"{Height / 2}\">no latency histograms in this run</text>");
            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        var maxX = series.Max(s => s.Points.Max(p => p.InvertedPercentile));
        var decadesX = Math.Max(2, (int)Math.Ceiling(Math.Log10(maxX) - 1e-9));
        var low = Math.Max(1, series.Min(s => s.Points.Min(p => p.Value)));
        var high = Math.Max(low + 1, series.Max(s => s.Points.Max(p => p.Value)));
        var minDecade = (int)Math.Floor(Math.Log10(low));
        var maxDecade = Math.Max(minDecade + 1, (int)Math.Ceiling(Math.Log10(high)));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double inverted) => Left + (Math.Log10(Math.Max(1, inverted)) / decadesX * plotWidth);
        double Y(long value) => Top + plotHeight - ((Math.Log10(Math.Max(1, value)) - minDecade) / (maxDecade - minDecade) * plotHeight);

        svg.AppendLine(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#444\"/>");
        for (var d = 0; d <= decadesX; d++)
        {
            var x = X(Math.Pow(10, d));
            svg.AppendLine(inv, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotHeight}\" stroke=\"#ddd\"/>");
            svg.AppendLine(inv, $"<text x=\"{x:F1}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{PercentileLabel(d)}</text>");
        }

        for (var d = minDecade; d <= maxDecade; d++)
        {
            var y = Y((long)Math.Pow(10, d));
            svg.AppendLine(inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>");
            svg.AppendLine(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Nanos.Format((long)Math.Pow(10, d))}</text>");
        }

        svg.AppendLine(inv, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 16}\" text-anchor=\"middle\">percentile</text>");
        svg.AppendLine(inv, $"<text x=\"18\" y=\"{Top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + (plotHeight / 2)})\">latency</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var (label, max, points) = series[i];
            var color = Palette[i % Palette.Length];
            var path = new StringBuilder();
            foreach (var p in points)
            {
                path.Append(inv, $"{(path.Length == 0 ? "M" : " L")}{X(p.InvertedPercentile):F1},{Y(p.Value):F1}");
            }

            svg.AppendLine(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\"/>");
            var legendY = Top + 10 + (i * 34);
            svg.AppendLine(inv, $"<line x1=\"{Width - Right + 16}\" y1=\"{legendY}\" x2=\"{Width - Right + 40}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            svg.AppendLine(inv, $"<text x=\"{Width - Right + 46}\" y=\"{legendY + 4}\">{SecurityElement.Escape(label)}</text>");
            svg.AppendLine(inv, $"<text x=\"{Width - Right + 46}\" y=\"{legendY + 18}\" fill=\"#555\" font-size=\"11\">max {Nanos.Format(max)}, n = {points[^1].TotalCount:N0}</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>1/(1-p) = 10^d: 0 %, 90 %, 99 %, 99.9 %, ...</summary>
    private static string PercentileLabel(int decade) => decade switch
    {
        0 => "0%",
        1 => "90%",
        2 => "99%",
        _ => "99." + new string('9', decade - 2) + "%",
    };
}
