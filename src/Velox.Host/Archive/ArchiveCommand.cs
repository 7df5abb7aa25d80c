using Velox.Host.Cli;

namespace Velox.Host.Archive;

/// <summary>velox archive record|list|replay|export: records streams into an archive directory, replays and exports them.</summary>
public static class ArchiveCommand
{
    /// <summary>Default archive directory (relative to the working directory).</summary>
    public const string DefaultDirectory = "archive";

    private const string Usage = """
        usage: velox archive record --stream N [--dir D] [--ipc-dir D] [--segment-size BYTES] [--compress] [--duration S] [--config FILE]
               velox archive list [--dir D]
               velox archive replay --recording ID --stream N [--pace recorded|full] [--dir D] [--ipc-dir D]
               velox archive replay --recording ID --check bitfinex|binance|bitfinex,binance [--dir D]
               velox archive export --recording ID --out FILE [--venue bitfinex|binance] [--rest-out FILE] [--format cryptofeed] [--dir D]
        """;

    /// <summary>Entry point; <paramref name="args"/> are the arguments after "archive".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point writing to the given streams (tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        switch (args.Length > 0 ? args[0] : string.Empty)
        {
            case "record":
                return ArchiveRecordCommand.Run(args[1..], output, error);
            case "list":
                return ArchiveListCommand.Run(args[1..], output, error);
            case "replay":
                return ArchiveReplayCommand.Run(args[1..], output, error);
            case "export":
                return ArchiveExportCommand.Run(args[1..], output, error);
            case "--help" or "help":
                output.WriteLine(Usage);
                return ExitCodes.Ok;
            default:
                error.WriteLine(Usage);
                return ExitCodes.Usage;
        }
    }
}
