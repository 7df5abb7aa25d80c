using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Doctor;
using Velox.Host.Ipc;
using Velox.Host.Topology;
using Velox.Host.Topology.Orders;
using Velox.Trading.Journal;

namespace Velox.Host;

/// <summary>The velox executable: one binary, one command per role.</summary>
public static class Program
{
    private const string Usage = """
        usage: velox <command> [options]      (velox <command> --help for its options)
          run            simulator + Bitfinex connector in one process (--topology multi: md + engine child processes over IPC)
          md             market-data process: Bitfinex connector → raw-frame and market-data IPC streams
          engine         engine process: market-data IPC stream → L2 books per instrument, publisher liveness
          og             order gateway process: engine's order commands → the venue's authenticated connection,
                         execution reports back (velox run --topology multi --strategy starts it)
          sim            the embedded Bitfinex exchange alone (synthetic market, capture replay, faults)
          replay-check   feed a recorded capture through a venue's parser and books; report gaps and checksums
          archive        record / list / replay / export recordings of IPC streams
          ipc            stat: log files, publishers, positions, limits, subscribers, counters
          journal dump   print an audit journal (orders, reports) as text; exit 1 at a torn or corrupt record
          doctor         tuning and environment report (read-only)
          config         check / show the configuration: JSON file (--config FILE) + VELOX_ environment overrides
        Exit codes: 0 ok, 1 findings (mismatches, drift), 2 bad usage or unreadable input, 3 runtime failure.
        """;

    public static int Main(string[] args)
    {
        ShutdownSignal.AcceptInterruptEvenIfIgnored();
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            (args.Length == 0 ? Console.Error : Console.Out).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        switch (args[0])
        {
            case "run":
                return RunCommand.Run(args[1..]);
            case "md":
                return MdCommand.Run(args[1..]);
            case "engine":
                return EngineCommand.Run(args[1..]);
            case "og":
                return OgCommand.Run(args[1..]);
            case "sim":
                return SimCommand.Run(args[1..]);
            case "archive":
                return ArchiveCommand.Run(args[1..]);
            case "ipc":
                return IpcCommand.Run(args[1..]);
            case "journal" when args.Length > 1 && args[1] == "dump":
                return JournalDump.Run(args[2..]);
            case "replay-check":
                return ReplayCheckCommand.Run(args[1..]);
            case "doctor":
                return DoctorCommand.Run(args[1..]);
            case "config":
                return ConfigCommand.Run(args[1..]);
            default:
                Console.Error.WriteLine($"velox: unknown command '{args[0]}'");
                Console.Error.WriteLine(Usage);
                return ExitCodes.Usage;
        }
    }
}
