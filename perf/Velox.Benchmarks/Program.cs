using BenchmarkDotNet.Running;
using Velox.Benchmarks.Gate;

namespace Velox.Benchmarks;

public static class Program
{
    /// <summary>
    /// "gate [filter]": the zero-allocation / no-GC gate over every hot path (exit 1 naming the failing
    /// scenarios); anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gate")
        {
            var options = GateOptions.FromEnvironment() with { Filter = args.Length > 1 ? args[1] : null };
            var results = AllocationGate.Run(AllocationGate.AllScenarios(), options, Console.WriteLine);
            Console.WriteLine();
            Console.Write(AllocationGate.Table(results));
            var failures = AllocationGate.Failures(results);
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"perf gate FAILED: {failure}");
            }

            return failures.Count == 0 ? 0 : 1;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
