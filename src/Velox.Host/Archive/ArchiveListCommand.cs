using System.Globalization;
using Velox.Archive.Catalog;
using Velox.Archive.Segments;
using Velox.Host.Cli;

namespace Velox.Host.Archive;

/// <summary>velox archive list: the catalog as a table; damaged records are listed as problems (exit 1).</summary>
public static class ArchiveListCommand
{
    /// <summary>Entry point; <paramref name="args"/> are the arguments after "archive list".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CliArguments.TryParse(args, 0, [], ["dir"], out var cli, out var problem))
        {
            error.WriteLine($"velox archive list: {problem}");
            return ExitCodes.Usage;
        }

        var directory = cli.Get("dir") ?? ArchiveCommand.DefaultDirectory;
        if (!File.Exists(Path.Combine(directory, ArchiveCatalog.FileName)))
        {
            error.WriteLine($"velox archive list: no catalog in {directory}");
            return ExitCodes.Usage;
        }

        try
        {
            using var catalog = ArchiveCatalog.Open(directory);
            var recordings = catalog.List();
            output.WriteLine("   id  stream   state      start-position   stop-position  start-time (UTC)               stop-time (UTC)                segments         bytes");
            foreach (var r in recordings)
            {
                var segments = SegmentFiles.Find(directory, r.RecordingId);
                var bytes = 0L;
                foreach (var segment in segments)
                {
                    bytes += new FileInfo(segment).Length;
                }

                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{r.RecordingId,5} {r.StreamId,7} {r.State,-9} {r.StartPosition,16} {r.StopPosition,15}  {Time(r.StartTimeNanos),-30} {Time(r.StopTimeNanos),-30} {segments.Length,8} {bytes,13}"));
            }

            foreach (var damaged in catalog.Problems)
            {
                output.WriteLine($"problem: {damaged}");
            }

            return catalog.Problems.Count > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"velox archive list: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static string Time(long epochNanos) =>
        DateTime.UnixEpoch.AddTicks(epochNanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
