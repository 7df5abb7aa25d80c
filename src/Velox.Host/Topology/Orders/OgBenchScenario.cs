using Velox.Perf;
using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>og's tick-to-trade histogram as the <c>tick-to-trade-ipc</c> scenario of the performance report (perf/BENCH-REPORT.md).</summary>
internal static class OgBenchScenario
{
    public const string Id = "tick-to-trade-ipc";

    /// <summary>Starts the scenario (its start time and load average are taken now).</summary>
    public static BenchScenario Begin(ExecutionMode mode) => new()
    {
        Id = Id,
        Title = mode == ExecutionMode.Paper
            ? "Tick-to-trade across processes: md frame read → engine decision → IPC → og send() (multi topology, paper)"
            : "Tick-to-decision across processes: md frame read → engine decision → IPC → og (multi topology, dry run)",
        Tool = $"velox run --topology multi --strategy mm --mode {(mode == ExecutionMode.Paper ? "paper" : "dry-run")} --bench-out DIR",
    };

    /// <summary>Adds og's histogram and counters and writes the file; false with the reason.</summary>
    public static bool TryWrite(BenchScenario scenario, OgService og, string directory, out string message)
    {
        scenario.LoadAverageEnd = HostFacts.LoadAverage();
        scenario.Notes.Add("one sample per market-data decision that sent an order (requotes after fills and timer decisions are not samples)");
        scenario.Notes.Add("md, engine, og and the simulator share this machine's cores; processes idle with spin → yield → park (up to 1 ms)");
        if (og.TickToTrade.Count > 0)
        {
            scenario.Histograms.Add(BenchHistogram.From("tick-to-trade", og.TickToTrade));
        }
        else
        {
            scenario.Notes.Add("no sample: no order was sent on a market-data decision");
        }

        var status = og.Status();
        scenario.Figures.Add(new BenchFigure("orders sent by og", status.OrdersSent, "orders"));
        scenario.Figures.Add(new BenchFigure("commands received by og", status.Commands, "commands"));
        try
        {
            message = scenario.Write(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            message = $"cannot write the {Id} scenario into '{directory}': {e.Message}";
            return false;
        }
    }
}
