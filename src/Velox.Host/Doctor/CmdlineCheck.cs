namespace Velox.Host.Doctor;

/// <summary>Compares /proc/cmdline with the plan's boot-line tokens (knobs cmdline.&lt;key&gt;).</summary>
public static class CmdlineCheck
{
    private static readonly string[] CpuListParameters = ["isolcpus", "nohz_full", "rcu_nocbs", "irqaffinity"];

    /// <summary>Appends one row per desired token.</summary>
    public static void Evaluate(CpuPlan plan, SystemView view, List<KnobResult> rows)
    {
        var tokens = TuningTargets.CmdlineTokens(plan);
        if (!view.TryRead("/proc/cmdline", out var cmdline))
        {
            foreach (var token in tokens)
            {
                rows.Add(new("cmdline." + KeyOf(token), token, "unreadable", KnobStatus.Unknown));
            }

            return;
        }

        // Parameters after "--" belong to init, not to the kernel.
        var initArgs = cmdline.IndexOf(" -- ", StringComparison.Ordinal);
        var parameters = (initArgs >= 0 ? cmdline[..initArgs] : cmdline).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in tokens)
        {
            var key = KeyOf(token);
            string? found = null;
            foreach (var parameter in parameters)
            {
                if (parameter == key || parameter.StartsWith(key + "=", StringComparison.Ordinal))
                {
                    found = parameter;
                }
            }

            var status = found is null ? KnobStatus.Drift
                : !token.Contains('=', StringComparison.Ordinal) || Canonical(key, ValueOf(found)) == Canonical(key, ValueOf(token)) ? KnobStatus.Ok
                : KnobStatus.Drift;
            rows.Add(new("cmdline." + key, token, found ?? "absent", status));
        }
    }

    private static string KeyOf(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? token : token[..eq];
    }

    private static string ValueOf(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? string.Empty : token[(eq + 1)..];
    }

    /// <summary>CPU-list parameters compare as sets: flags sorted, then the canonical list.</summary>
    private static string Canonical(string key, string value)
    {
        if (Array.IndexOf(CpuListParameters, key) < 0)
        {
            return value;
        }

        var flags = new List<string>();
        var list = new List<string>();
        foreach (var item in value.Split(','))
        {
            (item.Length > 0 && char.IsAsciiDigit(item[0]) ? list : flags).Add(item);
        }

        var listText = string.Join(',', list);
        var canonical = CpuSet.TryParse(listText, out var set) ? set.ToString() : listText;
        flags.Sort(StringComparer.Ordinal);
        return flags.Count > 0 ? string.Join(',', flags) + "," + canonical : canonical;
    }
}
