using System.Globalization;
using Velox.Archive.Catalog;
using Velox.Archive.Recording;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Ipc;
using Velox.Ipc.Agents;

namespace Velox.Host.Archive;

/// <summary>velox archive record: records one stream until it ends, the duration elapses or Ctrl+C.</summary>
public static class ArchiveRecordCommand
{
    /// <summary>Entry point; <paramref name="args"/> are the arguments after "archive record".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!CliArguments.TryParse(args, 0, ["compress"], ["stream", "dir", "ipc-dir", "segment-size", "duration", "config"], out var cli, out var problem) ||
            !cli.TryGetInt("stream", 0, int.MinValue, int.MaxValue, out var stream, out problem) ||
            !cli.TryGetInt("segment-size", ArchiveRecorderOptions.DefaultSegmentLength, 64 * 1024, 1 << 30, out var segmentLength, out problem) ||
            !cli.TryGetSeconds("duration", 365 * 24 * 3600, out var duration, out problem))
        {
            error.WriteLine($"velox archive record: {problem}");
            return ExitCodes.Usage;
        }

        // --config (as the systemd unit passes it): ipc.directory when --ipc-dir is absent.
        if (!Topology.AgentConfig.TryLoad(cli, "velox archive record", error, out var config))
        {
            return ExitCodes.Usage;
        }

        if (cli.Get("stream") is null || (segmentLength & (segmentLength - 1)) != 0)
        {
            error.WriteLine("velox archive record: --stream is required and --segment-size must be a power of two");
            return ExitCodes.Usage;
        }

        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = cli.Get("ipc-dir") ?? config?.Ipc.Directory ?? IpcOptions.DefaultDirectory() });
            using var catalog = ArchiveCatalog.Open(cli.Get("dir") ?? ArchiveCommand.DefaultDirectory);
            using var subscription = ipc.AddSubscription(stream);
            var recorder = new ArchiveRecorder(catalog, subscription, new ArchiveRecorderOptions { SegmentLength = segmentLength, Compress = cli.Has("compress") });
            using var runner = new AgentRunner(new AgentRunnerOptions { Name = "archiver", Log = error }, recorder);
            // SIGINT and SIGTERM (what a launcher or systemd sends) both end the recording cleanly.
            using var shutdown = new ShutdownSignal();
            runner.Start();
            output.WriteLine($"recording stream {stream} from {ipc.Path} into {catalog.Directory}");
            var deadline = duration is { } d ? Environment.TickCount64 + (long)d.TotalMilliseconds : long.MaxValue;
            while (!shutdown.Token.WaitHandle.WaitOne(50) && runner.IsRunning && recorder.Status != RecorderStatus.Stopped && Environment.TickCount64 < deadline)
            {
            }

            runner.Stop();

            if (runner.FailureCount > 0)
            {
                return ExitCodes.Failure;
            }

            var recording = recorder.Descriptor;
            output.WriteLine(recorder.RecordingId < 0
                ? "no publication joined: nothing recorded"
                : string.Create(CultureInfo.InvariantCulture, $"recording {recording.RecordingId}: positions {recording.StartPosition}..{recording.StopPosition}, {recorder.SegmentCount} segments"));
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"velox archive record: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
