using System.Globalization;
using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Host.Cli;

namespace Velox.Host.Archive;

/// <summary>
/// velox archive export: writes a recording of the raw inbound frames stream back to a cryptofeed v1 capture
/// that <c>velox replay-check</c> reads. A damaged recording exports up to its last valid frame and exits 1.
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
        if (!CliArguments.TryParse(args, 0, [], ["recording", "dir", "out", "format"], out var cli, out var problem) ||
            !cli.TryGetInt("recording", -1, 0, int.MaxValue, out var recordingId, out problem))
        {
            error.WriteLine($"velox archive export: {problem}");
            return ExitCodes.Usage;
        }

        var outPath = cli.Get("out");
        if (recordingId < 0 || outPath is null || (cli.Get("format") ?? "cryptofeed") != "cryptofeed")
        {
            error.WriteLine("velox archive export: --recording and --out are required; --format is cryptofeed");
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

            var export = new CryptofeedExport(new RecordingReader(catalog.Directory, recording));
            bool complete;
            using (var file = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
            {
                complete = export.WriteTo(file);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {export.Frames} frames of recording {recordingId} to {outPath}"));
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
