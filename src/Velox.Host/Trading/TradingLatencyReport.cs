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
    /// <summary>Raw loopback round trips measured back to back after the run for the wire-to-wire ratio.</summary>
    public const int RoundTrips = 5000;

    /// <summary>Raw loopback round trips measured paced (<see cref="PacedGapNanos"/> apart) after the run.</summary>
    public const int PacedRoundTrips = 1000;

    /// <summary>The pause between paced round trips: about the market data's spacing at the default 2,000 events/s.</summary>
    public const long PacedGapNanos = 500_000;

    private TradingLatencyReport(
        LatencyHistogram tickToTrade, LatencyBreakdown? breakdown, WireToWireProbe? wire, LatencyHistogram? rawRtt, LatencyHistogram? pacedRtt, string? rttError)
    {
        PacedRoundTrip = pacedRtt;
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

    /// <summary>The raw TCP ping-pong paced like market data (both threads sleep between round trips); null when not measured.</summary>
    public LatencyHistogram? PacedRoundTrip { get; }

    public string? RoundTripError { get; }

    /// <summary>Collects the run's histograms; with wire-to-wire samples, measures the raw loopback round trip now.</summary>
    public static TradingLatencyReport Collect(LatencyHistogram tickToTrade, LatencyBreakdown? breakdown, WireToWireProbe? wire)
    {
        ArgumentNullException.ThrowIfNull(tickToTrade);
        if (wire is null || wire.Histogram.Count == 0)
        {
            return new TradingLatencyReport(tickToTrade, breakdown, wire, null, null, null);
        }

        var ping = Math.Max(1, wire.MeanFrameBytes);
        var pong = Math.Max(1, wire.MeanOrderBytes);
        return LoopbackRoundTrip.TryMeasure(ping, pong, RoundTrips, RoundTrips / 10, 0, out var rtt, out var error) &&
            LoopbackRoundTrip.TryMeasure(ping, pong, PacedRoundTrips, PacedRoundTrips / 10, PacedGapNanos, out var paced, out error)
            ? new TradingLatencyReport(tickToTrade, breakdown, wire, rtt, paced, null)
            : new TradingLatencyReport(tickToTrade, breakdown, wire, null, null, error);
    }

    /// <summary>Wire-to-wire p50 over the back-to-back raw round trip's p50 (0 when either is missing).</summary>
    public double RatioP50 => Ratio(RawRoundTrip, 50);

    /// <summary>Wire-to-wire p99 over the back-to-back raw round trip's p99 (0 when either is missing).</summary>
    public double RatioP99 => Ratio(RawRoundTrip, 99);

    /// <summary>Wire-to-wire p50 over the paced raw round trip's p50 (0 when either is missing).</summary>
    public double PacedRatioP50 => Ratio(PacedRoundTrip, 50);

    /// <summary>Wire-to-wire p99 over the paced raw round trip's p99 (0 when either is missing).</summary>
    public double PacedRatioP99 => Ratio(PacedRoundTrip, 99);

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
        if (RawRoundTrip is { } rtt && PacedRoundTrip is { } paced)
        {
            line += string.Create(
                CultureInfo.InvariantCulture,
                $"; raw loopback TCP round trip ({Wire.MeanFrameBytes} B / {Wire.MeanOrderBytes} B, after the run) back to back p50 {Micros(rtt.ValueAtPercentile(50))} p99 {Micros(rtt.ValueAtPercentile(99))}, paced {PacedGapNanos / 1000} µs apart p50 {Micros(paced.ValueAtPercentile(50))} p99 {Micros(paced.ValueAtPercentile(99))}; ratio p50 {RatioP50:F2}x p99 {RatioP99:F2}x (paced: p50 {PacedRatioP50:F2}x p99 {PacedRatioP99:F2}x)");
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
                    $"raw TCP: {RoundTrips:N0} blocking ping-pongs back to back, then {PacedRoundTrips:N0} paced {PacedGapNanos / 1000} us apart (both threads sleep in between, as the trading threads do), of {wire.MeanFrameBytes} B / {wire.MeanOrderBytes} B (mean frame / order payload), in the same process right after the run",
                    "goal (issue 6): wire-to-wire <= 2x the raw loopback round trip",
                ],
            };
            w2w.Histograms.Add(BenchHistogram.From("wire-to-wire", wire.Histogram));
            if (RawRoundTrip is { } rtt && PacedRoundTrip is { } paced)
            {
                w2w.Histograms.Add(BenchHistogram.From("raw-tcp-rtt", rtt));
                w2w.Histograms.Add(BenchHistogram.From("raw-tcp-rtt-paced", paced));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / raw loopback RTT, p50", RatioP50));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / raw loopback RTT, p99", RatioP99));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / paced raw loopback RTT, p50", PacedRatioP50));
                w2w.Ratios.Add(new BenchRatio("wire-to-wire / paced raw loopback RTT, p99", PacedRatioP99));
            }
            else if (RoundTripError is { } error)
            {
                w2w.Notes.Add(error);
            }

            paths.Add(w2w.Write(directory));
        }

        return paths;
    }

    private double Ratio(LatencyHistogram? roundTrip, double percentile)
    {
        if (Wire is null || roundTrip is null || roundTrip.Count == 0 || Wire.Histogram.Count == 0)
        {
            return 0;
        }

        var raw = roundTrip.ValueAtPercentile(percentile);
        return raw == 0 ? 0 : (double)Wire.Histogram.ValueAtPercentile(percentile) / raw;
    }

    private static string Micros(long nanos) => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1000.0:F1}µs");
}
