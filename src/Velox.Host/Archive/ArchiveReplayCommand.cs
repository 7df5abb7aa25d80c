using Velox.Archive.Catalog;
using Velox.Archive.Replay;
using Velox.Host.Cli;
using Velox.Ipc;
using Velox.Ipc.Agents;

namespace Velox.Host.Archive;

/// <summary>
/// velox archive replay: publishes a recording into a stream (it waits for a subscriber; back-pressure is honoured),
/// or with <c>--check bitfinex|binance|bitfinex,binance</c> feeds a raw inbound frames recording straight into each
/// venue's session and prints one <c>velox replay-check</c> report per venue (<see cref="RecordingCheck"/>).
/// </summary>
public static class ArchiveReplayCommand
{
    /// <summary>Entry point; <paramref name="args"/> are the arguments after "archive replay".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CliArguments.TryParse(args, 0, [], ["recording", "stream", "pace", "dir", "ipc-dir", "check"], out var cli, out var problem) ||
            !cli.TryGetInt("recording", -1, 0, int.MaxValue, out var recordingId, out problem) ||
            !cli.TryGetInt("stream", 0, int.MinValue, int.MaxValue, out var stream, out problem))
        {
            error.WriteLine($"velox archive replay: {problem}");
            return ExitCodes.Usage;
        }

        if (cli.Get("check") is { } check)
        {
            return RecordingCheck.TryParseVenues(check, out var venues) && recordingId >= 0
                ? RecordingCheck.Run(cli.Get("dir") ?? ArchiveCommand.DefaultDirectory, recordingId, venues, output, error)
                : Usage(error, "velox archive replay: --check needs --recording; venues are bitfinex, binance or bitfinex,binance");
        }

        var paceText = cli.Get("pace") ?? "full";
        if (recordingId < 0 || cli.Get("stream") is null || paceText is not ("full" or "recorded"))
        {
            return Usage(error, "velox archive replay: --recording and --stream are required; --pace is recorded or full");
        }

        var pace = paceText == "recorded" ? ReplayPace.Recorded : ReplayPace.Full;
        try
        {
            using var catalog = ArchiveCatalog.Open(cli.Get("dir") ?? ArchiveCommand.DefaultDirectory);
            if (!catalog.TryGet(recordingId, out var recording, out var catalogError))
            {
                error.WriteLine($"velox archive replay: {catalogError}");
                return ExitCodes.Usage;
            }

            var reader = new RecordingReader(catalog.Directory, recording);
            if (pace == ReplayPace.Recorded && !reader.HasTimestamps)
            {
                error.WriteLine($"velox archive replay: recording {recordingId} has no timestamp index; replaying at full speed");
            }

            using var ipc = new IpcDirectory(new IpcOptions { Directory = cli.Get("ipc-dir") ?? IpcOptions.DefaultDirectory() });
            using var publication = ipc.AddExclusivePublication(stream);
            var replayer = new ArchiveReplayer(reader, publication, pace);
            var idle = new BackoffIdleStrategy(100, 100, 1_000, 1_000_000);
            while (replayer.Status == ReplayStatus.Replaying)
            {
                idle.Idle(replayer.DoWork());
            }

            output.WriteLine($"replayed {replayer.MessagesReplayed} messages of recording {recordingId} into stream {stream}");
            if (replayer.Status == ReplayStatus.Failed)
            {
                error.WriteLine($"velox archive replay: {replayer.Error}");
                return ExitCodes.Findings;
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"velox archive replay: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.Usage;
    }
}
