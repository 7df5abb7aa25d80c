using System.Globalization;
using Velox.Host.Cli;
using Velox.Ipc.Platform;

namespace Velox.Host.Doctor;

/// <summary>
/// `velox doctor`: read-only tuning and environment report, the C# twin of tuning/check.sh.
/// Exit codes: 0 no drift, 1 drift, 2 bad plan or usage.
/// </summary>
public static class DoctorCommand
{
    private const string Usage = """
        usage: velox doctor [--plan FILE] [--json] [--root DIR]
               velox doctor --jitter SECONDS [--cpu N]
          --plan FILE  CPU plan (default: tuning/cpus.env beside the binary or the current folder, else built-in defaults)
          --json       print only the one-line JSON summary
          --root DIR   read /proc, /sys and /etc under DIR instead of / (for a copied or fake tree)
          --jitter S   instead: spin S seconds (0.1 to 3600) on one CPU reading the clock and count the gaps of 1 µs or
                       more (ticks, interrupts, the hypervisor, other threads): the floor under tick-to-trade tails.
                       Run it under the trading thread's priority, e.g. chrt -f 50 velox doctor --jitter 10 --cpu 1
          --cpu N      with --jitter: the CPU to pin to (default: the plan's md CPU, else the last CPU)
        Compares each tuning knob with the plan (ok, drift, unknown) and reports environment facts.
        Exit: 0 no drift, 1 drift, 2 bad plan or usage. Reads only; changes nothing.
        """;

    private static readonly string[] Flags = ["json", "help"];
    private static readonly string[] Valued = ["plan", "root", "jitter", "cpu"];

    /// <summary>Runs the command; <paramref name="args"/> are the arguments after "velox doctor".</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!CliArguments.TryParse(args, 0, Flags, Valued, out var cli, out var problem) || cli.Positionals.Count > 0)
        {
            error.WriteLine($"velox doctor: {(problem.Length > 0 ? problem : $"unexpected argument '{cli.Positionals[0]}'")}");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        if (cli.Has("help"))
        {
            output.WriteLine(Usage);
            return ExitCodes.Ok;
        }

        if (!TryLoadPlan(cli.Get("plan"), error, out var plan, out var planSource))
        {
            return ExitCodes.Usage;
        }

        if (cli.Get("jitter") is { } jitter)
        {
            return RunJitter(jitter, cli.Get("cpu"), plan, output, error);
        }

        if (cli.Get("cpu") is not null)
        {
            error.WriteLine("velox doctor: --cpu goes with --jitter");
            return ExitCodes.Usage;
        }

        var root = cli.Get("root");
        if (root is not null && !Directory.Exists(root))
        {
            error.WriteLine($"velox doctor: --root {root} is not a folder");
            return ExitCodes.Usage;
        }

        var view = root is null ? SystemView.Live : new SystemView(root);
        var rows = TuningCheck.Evaluate(plan, view);
        var facts = EnvironmentFacts.Read(view);
        if (!cli.Has("json"))
        {
            DoctorTable.Write(output, rows, facts);
        }

        output.WriteLine(DoctorSummary.ToJson(rows, planSource, facts));
        return DoctorSummary.Count(rows).Drift == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static int RunJitter(string secondsText, string? cpuText, CpuPlan plan, TextWriter output, TextWriter error)
    {
        if (!double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds is >= 0.1 and <= 3600))
        {
            error.WriteLine($"velox doctor: --jitter takes seconds from 0.1 to 3600, got '{secondsText}'");
            return ExitCodes.Usage;
        }

        var cpus = Environment.ProcessorCount;
        var planned = plan.Pins.FirstOrDefault(p => p.Agent == "md").Cpu;
        var cpu = planned is { } md && md < cpus ? md : cpus - 1;
        if (cpuText is not null && (!int.TryParse(cpuText, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) || cpu >= cpus))
        {
            error.WriteLine($"velox doctor: --cpu takes a CPU number from 0 to {cpus - 1}, got '{cpuText}'");
            return ExitCodes.Usage;
        }

        var probe = new JitterProbe();
        var pinError = probe.Run(cpu, TimeSpan.FromSeconds(seconds));
        if (pinError != 0)
        {
            error.WriteLine($"velox doctor: could not pin to CPU {cpu} ({ThreadScheduling.Describe(pinError)}); measured wherever the thread ran");
        }

        output.WriteLine(probe.Format(pinError == 0 ? cpu : -1));
        return ExitCodes.Ok;
    }

    private static bool TryLoadPlan(string? explicitPath, TextWriter error, out CpuPlan plan, out string source)
    {
        plan = CpuPlan.Defaults;
        source = "built-in";
        var path = explicitPath ?? FindPlan();
        if (path is null)
        {
            return true;
        }

        if (!CpuPlanFile.TryLoad(path, out var loaded, out var problems))
        {
            error.WriteLine($"bad plan {path}:");
            foreach (var problem in problems)
            {
                error.WriteLine($"  {problem}");
            }

            return false;
        }

        plan = loaded!;
        source = Path.GetFullPath(path);
        return true;
    }

    /// <summary>tuning/cpus.env in the binary's folder or the current folder, or any folder above them.</summary>
    private static string? FindPlan()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tuning", "cpus.env");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
