using System.Globalization;
using System.Text;

namespace Velox.Benchmarks.Gate;

/// <summary>
/// The zero-allocation / no-GC regression gate: every hot path runs warm, then N times under
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> and <see cref="GC.CollectionCount"/>; any byte or
/// any collection fails the gate with the scenario's name. Independent of machine speed.
/// </summary>
public static class AllocationGate
{
    private static object? _injected;

    /// <summary>Every hot path the gate covers: each [Benchmark] of this assembly plus the fixed simulator replay.</summary>
    public static List<HotPathScenario> AllScenarios()
    {
        var scenarios = BenchmarkMethodScenario.Discover();
        scenarios.Add(new SimulatedReplayScenario());
        return scenarios;
    }

    public static List<GateResult> Run(IEnumerable<HotPathScenario> scenarios, GateOptions options, Action<string>? log = null)
    {
        var results = new List<GateResult>();
        foreach (var scenario in scenarios)
        {
            if (options.Filter is { } filter && !scenario.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var result = Measure(scenario, options);

            // Collections are counted process-wide: a collection another thread triggered shows up here too.
            // This thread's bytes are exact, so a clean byte count with a collection gets one re-run.
            if (result is { Error: null, Skipped: null, AllocatedBytes: 0 } && !result.Passed)
            {
                log?.Invoke($"{scenario.Name}: {result.Gen0Collections} gen0 collection(s) with 0 bytes allocated here; measuring again");
                result = Measure(scenario, options);
            }

            log?.Invoke(Row(result));
            results.Add(result);
        }

        return results;
    }

    /// <summary>The failures, one line each naming the scenario; empty when the gate passed.</summary>
    public static List<string> Failures(IEnumerable<GateResult> results) => [.. results.Select(r => r.Failure).OfType<string>()];

    public static string Table(IEnumerable<GateResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-44} {"operations",12} {"bytes allocated",16} {"gen0",5} {"gen1",5} {"gen2",5}  verdict");
        foreach (var result in results)
        {
            text.AppendLine(Row(result));
        }

        return text.ToString();
    }

    private static string Row(GateResult r) => r.Skipped is not null
        ? string.Create(CultureInfo.InvariantCulture, $"{r.Scenario,-44} {"-",12} {"-",16} {"-",5} {"-",5} {"-",5}  skipped: {r.Skipped}")
        : string.Create(CultureInfo.InvariantCulture, $"{r.Scenario,-44} {r.Operations,12:N0} {r.AllocatedBytes,16:N0} {r.Gen0Collections,5} {r.Gen1Collections,5} {r.Gen2Collections,5}  {(r.Passed ? "ok" : "FAIL" + (r.Error is null ? string.Empty : ": " + r.Error))}");

    private static GateResult Measure(HotPathScenario scenario, GateOptions options)
    {
        var inject = string.Equals(options.InjectAllocationInto, scenario.Name, StringComparison.Ordinal);
        try
        {
            scenario.Setup();
        }
        catch (ScenarioSkippedException e)
        {
            return new GateResult(scenario.Name, 0, 0, 0, 0, 0, Skipped: e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Reflection.TargetInvocationException)
        {
            return new GateResult(scenario.Name, 0, 0, 0, 0, 0, Error: $"setup failed: {(e.InnerException ?? e).Message}");
        }

        try
        {
            for (var i = 0; i < scenario.WarmupInvocations; i++)
            {
                scenario.BeforeInvocation();
                scenario.Invoke();
            }

            long bytes = 0;
            int gen0 = 0, gen1 = 0, gen2 = 0;
            for (var i = 0; i < scenario.Invocations; i++)
            {
                scenario.BeforeInvocation();
                var c0 = GC.CollectionCount(0);
                var c1 = GC.CollectionCount(1);
                var c2 = GC.CollectionCount(2);
                var before = GC.GetAllocatedBytesForCurrentThread();
                scenario.Invoke();
                if (inject)
                {
                    _injected = new byte[64];
                }

                bytes += GC.GetAllocatedBytesForCurrentThread() - before;
                gen0 += GC.CollectionCount(0) - c0;
                gen1 += GC.CollectionCount(1) - c1;
                gen2 += GC.CollectionCount(2) - c2;
            }

            GC.KeepAlive(_injected);
            return new GateResult(scenario.Name, (long)scenario.Invocations * scenario.OperationsPerInvocation, bytes, gen0, gen1, gen2, Error: scenario.Verify());
        }
        finally
        {
            scenario.Cleanup();
        }
    }
}
