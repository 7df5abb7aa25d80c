using Velox.Host.Cli;
using Velox.MarketData.Replay;
using Velox.Venues.Bitfinex.Replay;
using Velox.Venues.Kraken.Replay;
using Velox.Venues.Okx.Replay;

namespace Velox.Host.Commands;

/// <summary>
/// `velox replay-check --venue NAME CAPTURE [--json]`: feeds a recorded capture through the venue's parser
/// and books offline and reports counts, gaps, checksums, resyncs and final tops of book.
/// Exit: 0 clean, 1 findings (gaps, checksum mismatches, malformed frames), 2 bad usage or unreadable input.
/// </summary>
public static class ReplayCheckCommand
{
    private const string Usage = """
        usage: velox replay-check --venue NAME CAPTURE [--json]
          --venue NAME   bitfinex, okx, kraken
          --json         machine-readable report (keys: frames, gaps, checksums_verified, checksum_mismatches, resyncs, errors, ...)
        CAPTURE is a recording in any of the shared capture formats (cryptofeed v1/v3, hftbacktest, ;;-joined dumps), plain or gzip.
        Exit: 0 clean, 1 gaps/checksum mismatches/malformed frames, 2 bad usage or unreadable input.
        """;

    /// <summary>Each venue's offline check, by the name used on the command line.</summary>
    private static readonly KeyValuePair<string, Func<string, ReplayCheckReport>>[] Venues =
    [
        new("bitfinex", path => BitfinexReplayCheck.Run(path).ToReplayCheckReport(path)),
        new("okx", path => OkxReplayCheck.Run(path)),
        new("kraken", path => KrakenReplayCheck.Run(path)),
    ];

    private static readonly string[] Flags = ["json", "help"];
    private static readonly string[] Valued = ["venue"];

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
        if (venue is null || cli.Positionals.Count != 1)
        {
            error.WriteLine("velox replay-check: need --venue and exactly one capture file");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var path = cli.Positionals[0];
        if (!File.Exists(path))
        {
            error.WriteLine($"velox replay-check: capture not found: {path}");
            return ExitCodes.Usage;
        }

        var check = Array.Find(Venues, v => v.Key == venue).Value;
        if (check is null)
        {
            error.WriteLine($"velox replay-check: unknown venue '{venue}' (known: {string.Join(", ", Array.ConvertAll(Venues, v => v.Key))})");
            return ExitCodes.Usage;
        }

        ReplayCheckReport report;
        try
        {
            report = check(path);
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
}
