using Velox.Host.Cli;
using Velox.MarketData.Replay;
using Velox.Venues.Binance.Replay;
using Velox.Venues.Bitfinex.Replay;
using Velox.Venues.Bybit.Replay;
using Velox.Venues.Coinbase.Replay;
using Velox.Venues.GateIo.Replay;
using Velox.Venues.Htx.Replay;
using Velox.Venues.Kraken.Replay;
using Velox.Venues.Okx.Replay;

namespace Velox.Host.Commands;

/// <summary>
/// `velox replay-check --venue NAME CAPTURE... [--snapshots FILE] [--depth strict|keep] [--json]`: feeds a recorded capture through the venue's parser
/// and books offline and reports counts, gaps, checksums, resyncs and final tops of book.
/// Exit: 0 clean, 1 findings (gaps, checksum mismatches, malformed frames), 2 bad usage or unreadable input.
/// </summary>
public static class ReplayCheckCommand
{
    private const string Usage = """
        usage: velox replay-check --venue NAME CAPTURE... [--snapshots FILE] [--depth strict|keep] [--json]
          --venue NAME      bitfinex, okx, kraken, bybit, binance, gateio, coinbase, htx
          --snapshots FILE  REST depth snapshots recorded in a separate file (binance, gateio; cryptofeed *.http.* captures)
          --depth POLICY    binance/gateio levels beyond the snapshot's depth: strict (default) keeps the book to the
                            range the snapshot vouches for and resyncs when the market leaves it; keep stores them too
          --json            machine-readable report (keys: frames, gaps, checksums_verified, checksum_mismatches, resyncs, errors, ...)
        CAPTURE is a recording in any of the shared capture formats (cryptofeed v1/v3, hftbacktest, ;;-joined dumps), plain
        or gzip. Several CAPTUREs (binance) are one continuous session, e.g. a recorder's files either side of midnight.
        Exit: 0 clean, 1 gaps/checksum mismatches/malformed frames, 2 bad usage or unreadable input.
        """;

    /// <summary>Each venue's offline check, by the name used on the command line.</summary>
    private static readonly KeyValuePair<string, Func<ReplayInput, ReplayCheckReport>>[] Venues =
    [
        new("bitfinex", input => BitfinexReplayCheck.Run(input.Captures[0]).ToReplayCheckReport(input.Captures[0])),
        new("okx", input => OkxReplayCheck.Run(input.Captures[0])),
        new("kraken", input => KrakenReplayCheck.Run(input.Captures[0])),
        new("bybit", input => BybitReplayCheck.Run(input.Captures[0])),
        new("binance", input => BinanceReplayCheck.Run(input.Captures, input.Snapshots, keepLevelsBeyondSnapshot: input.KeepDepth)),
        new("gateio", input => GateIoReplayCheck.Run(input.Captures[0], input.Snapshots, input.KeepDepth)),
        new("coinbase", input => CoinbaseReplayCheck.Run(input.Captures[0])),
        new("htx", input => HtxReplayCheck.Run(input.Captures[0])),
    ];

    private static readonly string[] MultiCaptureVenues = ["binance"];
    private static readonly string[] SnapshotVenues = ["binance", "gateio"];
    private static readonly string[] Flags = ["json", "help"];
    private static readonly string[] Valued = ["venue", "snapshots", "depth"];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem))
        {
            error.WriteLine($"velox replay-check: {problem}");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        var venue = cli.Get("venue");
        if (venue is null || cli.Positionals.Count == 0)
        {
            error.WriteLine("velox replay-check: need --venue and a capture file");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var check = Array.Find(Venues, v => v.Key == venue).Value;
        if (check is null)
        {
            error.WriteLine($"velox replay-check: unknown venue '{venue}' (known: {string.Join(", ", Array.ConvertAll(Venues, v => v.Key))})");
            return ExitCodes.Usage;
        }

        var snapshots = cli.Get("snapshots");
        var depth = cli.Get("depth") ?? "strict";
        var problems = new List<string>();
        if (cli.Positionals.Count > 1 && !MultiCaptureVenues.Contains(venue))
        {
            problems.Add($"{venue} takes one capture file");
        }

        if ((snapshots is not null || cli.Get("depth") is not null) && !SnapshotVenues.Contains(venue))
        {
            problems.Add($"--snapshots and --depth apply to {string.Join(" and ", SnapshotVenues)} only");
        }

        if (depth is not ("strict" or "keep"))
        {
            problems.Add($"--depth must be strict or keep, not '{depth}'");
        }

        foreach (var file in snapshots is null ? cli.Positionals : [.. cli.Positionals, snapshots])
        {
            if (!File.Exists(file))
            {
                problems.Add($"file not found: {file}");
            }
        }

        if (problems.Count > 0)
        {
            error.WriteLine($"velox replay-check: {string.Join("; ", problems)}");
            return ExitCodes.Usage;
        }

        var path = string.Join(" + ", cli.Positionals);
        var input = new ReplayInput(cli.Positionals, snapshots, depth == "keep");
        ReplayCheckReport report;
        try
        {
            report = check(input);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            error.WriteLine($"velox replay-check: cannot read {path}: {e.Message}");
            return ExitCodes.Usage;
        }

        if (cli.Has("json"))
        {
            output.WriteLine(report.ToJson());
        }
        else
        {
            report.WriteText(output);
        }

        return report.HasFindings ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private sealed record ReplayInput(IReadOnlyList<string> Captures, string? Snapshots, bool KeepDepth);
}
