using System.Globalization;

namespace Velox.Host.Doctor;

/// <summary>
/// Reads and validates tuning/cpus.env (KEY=value lines, '#' comments; parsed, never executed). The twin of
/// plan_load/plan_validate in tuning/lib/plan.sh: same keys, defaults and problem codes.
/// </summary>
public static class CpuPlanFile
{
    private static readonly string[] Keys =
        ["H", "I", "MD_CPU", "ENGINE_CPU", "OG_CPU", "ARCHIVER_CPU", "ISOLATION", "INTEL_IDLE_MAX_CSTATE", "PROCESSOR_MAX_CSTATE", "GOVERNOR", "SMT"];

    /// <summary>Reads a plan file; an unreadable file is the problem "unreadable".</summary>
    public static bool TryLoad(string path, out CpuPlan? plan, out IReadOnlyList<PlanProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            plan = null;
            problems = [new PlanProblem("unreadable", $"cannot read plan file {path}")];
            return false;
        }

        return TryParse(text, out plan, out problems);
    }

    /// <summary>Parses plan text; on any problem the plan is null and every problem is listed.</summary>
    public static bool TryParse(string text, out CpuPlan? plan, out IReadOnlyList<PlanProblem> problems)
    {
        var found = new List<PlanProblem>();
        var values = ReadValues(text, found);
        plan = Validate(values, found);
        problems = found;
        return found.Count == 0;
    }

    private static Dictionary<string, string> ReadValues(string text, List<PlanProblem> problems)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ISOLATION"] = "both",
            ["INTEL_IDLE_MAX_CSTATE"] = "0",
            ["PROCESSOR_MAX_CSTATE"] = "1",
            ["GOVERNOR"] = "performance",
            ["SMT"] = "off",
        };
        var seenOnLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? lines[i][..hash] : lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? line[..eq].TrimEnd() : string.Empty;
            if (!IsKeyName(key))
            {
                problems.Add(new("bad-line", $"line {number} is not KEY=value: '{line}'"));
                continue;
            }

            var value = Unquote(line[(eq + 1)..].TrimStart());
            if (Array.IndexOf(Keys, key) < 0)
            {
                problems.Add(new("unknown-key", $"line {number}: unknown key {key} (known: {string.Join(' ', Keys)})"));
            }
            else if (seenOnLine.TryGetValue(key, out var first))
            {
                problems.Add(new("duplicate-key", $"line {number}: {key} is already set on line {first}"));
            }
            else
            {
                seenOnLine[key] = number;
                values[key] = value;
            }
        }

        return values;
    }

    private static CpuPlan? Validate(Dictionary<string, string> values, List<PlanProblem> problems)
    {
        var housekeeping = ReadCpuList(values, "H", problems);
        var isolated = ReadCpuList(values, "I", problems);
        var isolation = values["ISOLATION"] switch
        {
            "isolcpus" => IsolationMode.Isolcpus,
            "nohz" => IsolationMode.Nohz,
            "both" => IsolationMode.Both,
            var other => Bad<IsolationMode>(problems, $"ISOLATION='{other}' must be isolcpus, nohz or both"),
        };
        var smt = values["SMT"];
        if (smt is not ("on" or "off"))
        {
            problems.Add(new("bad-value", $"SMT='{smt}' must be on or off"));
        }

        var governor = values["GOVERNOR"];
        if (governor.Length == 0 || !governor.All(char.IsAsciiLetterLower))
        {
            problems.Add(new("bad-value", $"GOVERNOR='{governor}' must be a governor name such as performance"));
        }

        var intelIdle = ReadSmallInt(values, "INTEL_IDLE_MAX_CSTATE", problems);
        var processor = ReadSmallInt(values, "PROCESSOR_MAX_CSTATE", problems);
        if (housekeeping is not null && isolated is not null)
        {
            var both = housekeeping.Intersect(isolated);
            if (!both.IsEmpty)
            {
                problems.Add(new("overlap", $"CPUs {both} are in both H ({housekeeping}) and I ({isolated})"));
            }
        }

        if (isolated is not null && isolated.Contains(0))
        {
            problems.Add(new("cpu0-isolated", $"CPU 0 is in I ({isolated}): the boot CPU must stay housekeeping"));
        }

        var pins = ReadPins(values, housekeeping, isolated, problems);
        if (problems.Count > 0)
        {
            return null;
        }

        return new CpuPlan
        {
            Housekeeping = housekeeping!,
            Isolated = isolated!,
            Pins = pins,
            Isolation = isolation,
            IntelIdleMaxCstate = intelIdle,
            ProcessorMaxCstate = processor,
            Governor = governor,
            SmtOff = smt == "off",
        };
    }

    private static List<AgentPin> ReadPins(
        Dictionary<string, string> values, CpuSet? housekeeping, CpuSet? isolated, List<PlanProblem> problems)
    {
        var pins = new List<AgentPin>();
        var owner = new Dictionary<int, string>();
        foreach (var agent in CpuPlan.Agents)
        {
            var key = agent.ToUpperInvariant() + "_CPU";
            if (!values.TryGetValue(key, out var text))
            {
                problems.Add(new("agent-unset", $"{key} is not set: give {agent} a CPU from I, or none"));
                continue;
            }

            if (text == "none")
            {
                pins.Add(new(agent, null));
                continue;
            }

            if (text.Length is 0 or > 4 || !text.All(char.IsAsciiDigit))
            {
                problems.Add(new("bad-value", $"{key}='{text}' must be one CPU number or none"));
                continue;
            }

            var cpu = int.Parse(text, CultureInfo.InvariantCulture);
            if (housekeeping is not null && housekeeping.Contains(cpu))
            {
                problems.Add(new("agent-not-isolated", $"{key}={cpu} is a housekeeping CPU (H={housekeeping}); {agent} must run on an isolated CPU"));
            }
            else if (isolated is not null && !isolated.Contains(cpu))
            {
                problems.Add(new("agent-core-missing", $"{key}={cpu} is not in the plan (H={housekeeping?.ToString() ?? "?"}, I={isolated})"));
            }

            if (!owner.TryAdd(cpu, agent))
            {
                problems.Add(new("duplicate-agent-core", $"{key}={cpu}: CPU {cpu} already runs {owner[cpu]}"));
            }

            pins.Add(new(agent, cpu));
        }

        return pins;
    }

    private static CpuSet? ReadCpuList(Dictionary<string, string> values, string name, List<PlanProblem> problems)
    {
        if (!values.TryGetValue(name, out var text))
        {
            problems.Add(new("cpulist-unset", $"{name} is not set"));
            return null;
        }

        if (!CpuSet.TryParse(text, out var set))
        {
            problems.Add(new("bad-cpulist", $"{name}='{text}' is not a CPU list such as 0-1,4"));
            return null;
        }

        if (set.IsEmpty)
        {
            problems.Add(new("cpulist-empty", $"{name} is empty"));
            return null;
        }

        return set;
    }

    private static int ReadSmallInt(Dictionary<string, string> values, string name, List<PlanProblem> problems)
    {
        var text = values[name];
        if (text.Length is 0 or > 2 || !text.All(char.IsAsciiDigit))
        {
            problems.Add(new("bad-value", $"{name}='{text}' must be a small non-negative integer"));
            return 0;
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static T Bad<T>(List<PlanProblem> problems, string message)
        where T : struct
    {
        problems.Add(new("bad-value", message));
        return default;
    }

    private static bool IsKeyName(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
