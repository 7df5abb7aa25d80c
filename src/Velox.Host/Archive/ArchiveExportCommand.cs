using System.Globalization;
using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Host.Cli;
using Velox.Host.Topology;

namespace Velox.Host.Archive;

/// <summary>
/// velox archive export: writes a recording of the raw inbound frames stream back to a cryptofeed v1 capture
/// that <c>velox replay-check</c> reads, all venues' frames or one venue's (<c>--venue</c>). md's REST depth snapshots
/// go to a separate REST capture with <c>--rest-out</c> (the <c>--snapshots</c> file of <c>velox replay-check --venue
/// binance</c>), else they are skipped and the count says so. A damaged recording exports up to its last valid frame
/// and exits 1.
/// </summary>
public static class ArchiveExportCommand
{
    /// <summary>Entry point; <paramref name="args"/> are the arguments after "archive export".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CliArguments.TryParse(args, 0, [], ["recording", "dir", "out", "format", "venue", "rest-out"], out var cli, out var problem) ||
            !cli.TryGetInt("recording", -1, 0, int.MaxValue, out var recordingId, out problem))
        {
            error.WriteLine($"velox archive export: {problem}");
            return ExitCodes.Usage;
        }

        var outPath = cli.Get("out");
        var restPath = cli.Get("rest-out");
        if (recordingId < 0 || outPath is null || (cli.Get("format") ?? "cryptofeed") != "cryptofeed")
        {
            error.WriteLine("velox archive export: --recording and --out are required; --format is cryptofeed");
            return ExitCodes.Usage;
        }

        short? venueId = cli.Get("venue") switch
        {
            null => null,
            "bitfinex" => TopologyStreams.BitfinexVenueId,
            "binance" => TopologyStreams.BinanceVenueId,
            _ => -1,
        };
        if (venueId < 0 || (restPath is not null && Path.GetFullPath(restPath) == Path.GetFullPath(outPath)))
        {
            error.WriteLine(venueId < 0
                ? $"velox archive export: --venue is bitfinex or binance, not '{cli.Get("venue")}'"
                : "velox archive export: --rest-out must be another file than --out");
            return ExitCodes.Usage;
        }

        try
        {
            using var catalog = ArchiveCatalog.Open(cli.Get("dir") ?? ArchiveCommand.DefaultDirectory);
            if (!catalog.TryGet(recordingId, out var recording, out var catalogError))
            {
                error.WriteLine($"velox archive export: {catalogError}");
                return ExitCodes.Usage;
            }

            var export = new CryptofeedExport(new RecordingReader(catalog.Directory, recording), venueId);
            bool complete;
            using (var file = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
            using (var rest = restPath is null ? null : new FileStream(restPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
            {
                complete = export.WriteTo(file, rest);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {export.Frames} frames of recording {recordingId} to {outPath}"));
            if (export.RestResponses > 0 || restPath is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {export.RestResponses} REST snapshots to {restPath}"));
            }

            if (export.SkippedRestResponses > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skipped {export.SkippedRestResponses} REST snapshots (md's Binance depth snapshots): --rest-out FILE writes them"));
            }

            if (export.OtherVenueMessages > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skipped {export.OtherVenueMessages} messages of other venues"));
            }
            if (!complete)
            {
                error.WriteLine($"velox archive export: {export.Error}; {outPath} holds the {export.Frames} frames before it");
                return ExitCodes.Findings;
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox archive export: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
