using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Trading.Arbitrage;
using Velox.Strategies.Execution;

namespace Velox.Host.Trading;

/// <summary>The trading options of `velox run` (--strategy, --mode, --journal) and the entry into a trading run.</summary>
public static class TradingCommandLine
{
    /// <summary>Usage lines for `velox run --help`.</summary>
    public const string Usage = """
          --strategy     none (default): market data only; mm: the market maker on one instrument (tBTCUSD unless
                         strategy.mm.instrument says otherwise); arb: cross-venue arbitrage BTC/USD on Bitfinex against
                         BTC/USDT on Binance (--venues bitfinex,binance), both simulated in the process. With
                         --topology multi the engine process trades and `velox og` sends its orders on its own
                         simulator connection (arb: md publishes both venues and one og per venue sends the legs)
          --mode         with --strategy: dry-run (default): decisions recorded, nothing sent; paper: orders go to the
                         embedded simulator's demo account; live is refused here (it needs real venue endpoints)
          --journal      with --strategy: the audit journal file (default: a new file in the temp directory);
                         read it with velox journal dump PATH
          --latency-breakdown  with --strategy mm, --topology single: also time the stages of each tick-to-trade
                         sample (frames ahead in the read, parse + apply, decision, commands before the order, send)
                         and print them at exit, with the five slowest samples
          --bench-out    with --strategy mm: write tick-to-trade.json (and, paper, wire-to-wire.json) into DIR in the
                         bench scenario format (perf/BENCH-REPORT.md); --topology multi: og writes tick-to-trade-ipc.json
        """;

    /// <summary>Reads --strategy, --mode and --journal; false with a usage message.</summary>
    public static bool TryRead(CliArguments cli, out TradingStrategy strategy, out ExecutionMode mode, out string? journal, out string error)
    {
        ArgumentNullException.ThrowIfNull(cli);
        strategy = TradingStrategy.None;
        mode = ExecutionMode.DryRun;
        journal = cli.Get("journal");
        error = string.Empty;
        switch (cli.Get("strategy") ?? "none")
        {
            case "none":
                break;
            case "mm":
                strategy = TradingStrategy.MarketMaker;
                break;
            case "arb":
                strategy = TradingStrategy.Arbitrage;
                break;
            case var other:
                error = $"--strategy must be none, mm or arb, not '{other}'";
                return false;
        }

        var modeText = cli.Get("mode");
        switch (modeText ?? "dry-run")
        {
            case "dry-run":
                break;
            case "paper":
                mode = ExecutionMode.Paper;
                break;
            case "live":
                error = "--mode live is refused by velox run: live trading needs real venue endpoints and credentials, which this command does not connect to (it trades against the embedded simulator only)";
                return false;
            case var other:
                error = $"--mode must be dry-run or paper, not '{other}'";
                return false;
        }

        if (strategy == TradingStrategy.None && (modeText is not null || journal is not null))
        {
            error = "--mode and --journal need --strategy mm or arb";
            return false;
        }

        if (strategy == TradingStrategy.Arbitrage && !ArbitrageRun.TryReadVenues(cli.Get("venues"), out error))
        {
            return false;
        }

        if (strategy == TradingStrategy.MarketMaker && cli.Get("venues") is not null)
        {
            error = "--venues cannot be combined with --strategy yet (the market maker trades Bitfinex only)";
            return false;
        }

        if (cli.Get("faults") is { } faultText && FaultPlan.TryParse(faultText, out var faults, out _))
        {
            if (strategy != TradingStrategy.None && cli.Get("topology") == "multi")
            {
                error = "--faults with --strategy runs in one process only (--topology single)";
                return false;
            }

            if (faults.Any(FaultPlan.IsOrderEntry) && (strategy == TradingStrategy.None || mode != ExecutionMode.Paper))
            {
                error = $"the order-entry faults ({FaultPlan.OrderEntryNames}) need --strategy mm or arb with --mode paper: nothing else sends orders to the simulator";
                return false;
            }
        }

        if (journal is not null)
        {
            journal = Path.GetFullPath(journal);
        }

        return true;
    }

    /// <summary>Builds and runs a trading run; <paramref name="config"/> null takes the defaults.</summary>
    public static int Execute(RunOptions options, VeloxConfig? config, ShutdownSignal shutdown, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Strategy == TradingStrategy.Arbitrage)
        {
            return ArbitrageRun.Execute(options, config, shutdown, output);
        }

        if (!TradingRun.TryCreate(options, config, out var run, out var error))
        {
            output.WriteLine($"velox run: {error}");
            return ExitCodes.Failure;
        }

        using (run)
        {
            return run!.Execute(shutdown, output);
        }
    }
}
