using System.Globalization;
using Velox.Core.Metrics;
using Velox.Perf;
using Velox.Simulator.Hosting;

namespace Velox.Host.Trading;

/// <summary>
/// The latency figures a paper run measured, for the summary and for `--bench-out DIR` (the scenario files
/// `tick-to-trade.json` and `wire-to-wire.json` of perf/BENCH-REPORT.md). Cold path, after the md thread stopped.
/// </summary>
public sealed class TradingLatencyReport
{
    /// <summary>Raw loopback round trips measured after the run for the wire-to-wire ratio.</summary>
    public const int RoundTrips = 5000;

    private TradingLatencyReport(LatencyHistogram tickToTrade, LatencyBreakdown? breakdown, WireToWireProbe? wire, LatencyHistogram? rawRtt, string? rttError)
    {
        TickToTrade = tickToTrade;
        Breakdown = breakdown;
        Wire = wire;
        RawRoundTrip = rawRtt;
        RoundTripError = rttError;
    }

    public LatencyHistogram TickToTrade { get; }

    public LatencyBreakdown? Breakdown { get; }

    public WireToWireProbe? Wire { get; }

    /// <summary>The raw TCP ping-pong with the frame's and the order's sizes; null when not measured.</summary>
    public LatencyHistogram? RawRoundTrip { get; }

    public string? RoundTripError { get; }

    /// <summary>Collects the run's histograms; with wire-to-wire samples, measures the raw loopback round trip now.</summary>
    public static TradingLatencyReport Collect(LatencyHistogram tickToTrade, LatencyBreakdown? breakdown, WireToWireProbe? wire)
    {
        ArgumentNullException.ThrowIfNull(tickToTrade);
        if (wire is null || wire.Histogram.Count == 0)
        {
            return new TradingLatencyReport(tickToTrade, breakdown, wire, null, null);
        }

        var measured = LoopbackRoundTrip.TryMeasure(Math.Max(1, wire.MeanFrameBytes), Math.Max(1, wire.MeanOrderBytes), RoundTrips, RoundTrips / 10, out var rtt, out var error);
        return new TradingLatencyReport(tickToTrade, breakdown, wire, measured ? rtt : null, measured ? null : error);
    }

    /// <summary>Wire-to-wire p50 over the raw round trip's p50 (0 when either is missing).</summary>
    public double RatioP50 => Ratio(50);

    /// <summary>Wire-to-wire p99 over the raw round trip's p99 (0 when either is missing).</summary>
    public double RatioP99 => Ratio(99);

    /// <summary>The summary line of wire-to-wire, or null when the simulator saw no order.</summary>
    public string? FormatWireToWire()
    {
        if (Wire is null || Wire.Histogram.Count == 0)
        {
            return null;
        }

        var w = Wire.Histogram;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"  wire-to-wire (simulator: market-data frame to send() -> the order it provoked read back) p50 {Micros(w.ValueAtPercentile(50))} p99 {Micros(w.ValueAtPercentile(99))} p99.9 {Micros(w.ValueAtPercentile(99.9))} over {w.Count:N0} orders");
        if (RawRoundTrip is { } rtt)
        {
            line += string.Create(
                CultureInfo.InvariantCulture,
                $"; raw loopback TCP round trip ({Wire.MeanFrameBytes} B / {Wire.MeanOrderBytes} B, {rtt.Count:N0} after the run) p50 {Micros(rtt.ValueAtPercentile(50))} p99 {Micros(rtt.ValueAtPercentile(99))}; ratio p50 {RatioP50:F2}x p99 {RatioP99:F2}x");
        }
        else if (RoundTripError is { } error)
        {
            line += $"; {error}";
        }

        return line;
    }

    /// <summary>Writes tick-to-trade.json (and wire-to-wire.json when measured) into <paramref name="directory"/>; returns the paths.</summary>
    public IReadOnlyList<string> WriteScenarios(string directory, string tool, string loadAverageStart, IReadOnlyList<string> notes)
    {
        var paths = new List<string>();
        var t2t = new BenchScenario
        {
            Id = "tick-to-trade",
            Title = "Tick-to-trade in one process: Bitfinex frame read returned -> the decision's first order handed to send() (paper market maker vs the simulator)",
            Tool = tool,
            LoadAverageStart = loadAverageStart,
            Notes = [.. notes, "goal (issue 5/6): p99 <= 10 us on this machine"],
        };
        t2t.Histograms.Add(BenchHistogram.From("tick-to-trade", TickToTrade));
        if (Breakdown is { } b)
        {
            t2t.Histograms.Add(BenchHistogram.From("stage.read-batch-ahead", b.ReadBatchAhead));
            t2t.Histograms.Add(BenchHistogram.From("stage.parse-apply", b.ParseApply));
            t2t.Histograms.Add(BenchHistogram.From("stage.decide", b.Decide));
            t2t.Histograms.Add(BenchHistogram.From("stage.commands-before-order", b.CommandsBeforeOrder));
            t2t.Histograms.Add(BenchHistogram.From("stage.order-to-send", b.OrderToSend));
            t2t.Histograms.Add(BenchHistogram.From("first-in-read", b.FirstInRead));
            t2t.Histograms.Add(BenchHistogram.From("later-in-read", b.LaterInRead));
        }

        t2t.Figures.Add(new BenchFigure("decisions sampled", TickToTrade.Count, "count"));
        paths.Add(t2t.Write(directory));
        if (Wire is { } wire && wire.Histogram.Count > 0)
        {
            var w2w = new BenchScenario
            {
                Id = "wire-to-wire",
                Title = "Wire-to-wire through the loopback: simulator hands a market-data frame to send() -> reads the order it provoked, vs a raw TCP ping-pong of the same sizes",
                Tool = tool,
                LoadAverageStart = loadAverageStart,
                Notes =
                [
                    .. notes,
                    "attribution: an order belongs to the latest market-data frame sent before the read that delivered it; only the first order after each frame is a sample (never overstates)",
                    $"raw TCP: {TradingLatencyReport.RoundTrips:N0} blocking ping-pongs of {wire.MeanFrameBytes} B / {wire.MeanOrderBytes} B (mean frame / order payload) in the same process right after the run",
                    "goal (issue 6): wire-to-wire <= 2x the raw loopback round trip",
                ],
            };
            w2w.Histograms.Add(BenchHistogram.From("wire-to-wire", wire.Histogram));
            if (RawRoundTrip is { } rtt)
            {
                w2w.Histograms.Add(BenchHistogram.From("raw-tcp-rtt", rtt));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / raw loopback RTT, p50", RatioP50));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / raw loopback RTT, p99", RatioP99));
            }
            else if (RoundTripError is { } error)
            {
                w2w.Notes.Add(error);
            }

            paths.Add(w2w.Write(directory));
        }

        return paths;
    }

    private double Ratio(double percentile)
    {
        if (Wire is null || RawRoundTrip is null || RawRoundTrip.Count == 0 || Wire.Histogram.Count == 0)
        {
            return 0;
        }

        var raw = RawRoundTrip.ValueAtPercentile(percentile);
        return raw == 0 ? 0 : (double)Wire.Histogram.ValueAtPercentile(percentile) / raw;
    }

    private static string Micros(long nanos) => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1000.0:F1}µs");
}
