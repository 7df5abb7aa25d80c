using System.Globalization;

namespace Velox.Host.Commands;

/// <summary>One consistent copy of the run counters.</summary>
public readonly record struct StatusSnapshot
{
    public long Frames { get; init; }

    public int Books { get; init; }

    public int BooksInSync { get; init; }

    public long BookUpdates { get; init; }

    public long Trades { get; init; }

    public long ChecksumsVerified { get; init; }

    public long ChecksumMismatches { get; init; }

    public long Gaps { get; init; }

    public long Resyncs { get; init; }

    public long Errors { get; init; }

    public long Reconnects { get; init; }

    public long P50 { get; init; }

    public long P99 { get; init; }

    public long P999 { get; init; }

    public long Max { get; init; }

    public long Samples { get; init; }

    public string Format(double seconds, double framesPerSecond) => string.Create(
        CultureInfo.InvariantCulture,
        $"[{seconds,5:F0}s] {framesPerSecond,9:N0} msg/s | books {BooksInSync}/{Books} in sync | checksums {ChecksumsVerified:N0} ok {ChecksumMismatches} bad | gaps {Gaps} | resyncs {Resyncs} | reconnects {Reconnects} | parse-to-book p50 {Micros(P50)} p99 {Micros(P99)}");

    public string FormatSummary(double seconds, int faultsInjected) => string.Create(
        CultureInfo.InvariantCulture,
        $"summary: {seconds:F1}s, {Frames:N0} messages ({BookUpdates:N0} book updates, {Trades:N0} trades), books {BooksInSync}/{Books} in sync, checksums verified {ChecksumsVerified:N0}, mismatches {ChecksumMismatches}, gaps {Gaps}, resyncs {Resyncs}, reconnects {Reconnects}, errors {Errors}, faults injected {faultsInjected}, parse-to-book p50 {Micros(P50)} p99 {Micros(P99)} p99.9 {Micros(P999)} max {Micros(Max)} over {Samples:N0} frames");

    private static string Micros(long nanos) => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1000.0:F1}µs");
}
