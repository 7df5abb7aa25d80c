using System.Text.Json.Nodes;

namespace Velox.Host.Config;

/// <summary>
/// Which fields a running process may take from a reloaded configuration (SIGHUP): log levels, risk limits and
/// strategy parameters. Everything that shapes processes, connections or memory — mode, venues, CPUs, IPC,
/// admin, journal, credentials, the strategy kind and its instruments and venues — needs a restart.
/// </summary>
public static class ConfigReload
{
    /// <summary>Sections and fields that are reloadable, with everything under them.</summary>
    public static IReadOnlyList<string> ReloadablePaths { get; } =
        ["logging.level", "logging.components", "risk", "strategy.mm", "strategy.arb"];

    /// <summary>Fields under <see cref="ReloadablePaths"/> that still need a restart.</summary>
    public static IReadOnlyList<string> RestartPaths { get; } =
        ["strategy.mm.instrument", "strategy.arb.instrument", "strategy.arb.venues"];

    /// <summary>True when a change of the field at <paramref name="path"/> can be applied without a restart.</summary>
    public static bool IsReloadable(string path) => !Covers(RestartPaths, path) && Covers(ReloadablePaths, path);

    /// <summary>Every field whose value differs, in declaration order.</summary>
    public static IReadOnlyList<ConfigChange> Diff(VeloxConfig current, VeloxConfig next)
    {
        var changes = new List<ConfigChange>();
        Compare(ConfigJson.ToNode(current, redact: false), ConfigJson.ToNode(next, redact: false), string.Empty, changes);
        return changes;
    }

    /// <summary>Accepts <paramref name="next"/> when it changes only reloadable fields; otherwise names each field that needs a restart.</summary>
    public static ConfigReloadResult TryReload(VeloxConfig current, VeloxConfig next)
    {
        var changes = Diff(current, next);
        var errors = new List<ConfigError>();
        foreach (var change in changes)
        {
            if (!change.Reloadable)
            {
                errors.Add(new ConfigError(change.Path, "cannot change on reload; restart velox to apply it"));
            }
        }

        return new ConfigReloadResult { Accepted = errors.Count == 0, Changes = changes, Errors = errors };
    }

    private static void Compare(JsonNode? current, JsonNode? next, string path, List<ConfigChange> changes)
    {
        // Objects are walked key by key (logging.components may gain or lose keys); values and lists are compared whole.
        if (current is JsonObject a && next is JsonObject b)
        {
            foreach (var (key, value) in a)
            {
                Compare(value, b[key], Join(path, key), changes);
            }

            foreach (var (key, value) in b)
            {
                if (!a.ContainsKey(key))
                {
                    Compare(null, value, Join(path, key), changes);
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(current, next))
        {
            changes.Add(new ConfigChange(path, Show(current, path), Show(next, path), IsReloadable(path)));
        }
    }

    private static string Show(JsonNode? node, string path)
    {
        if (node is null)
        {
            return "null";
        }

        return ConfigSchema.IsSecret(path) ? $"\"{ConfigSchema.Redacted}\"" : node.ToJsonString();
    }

    private static bool Covers(IReadOnlyList<string> prefixes, string path)
    {
        foreach (var prefix in prefixes)
        {
            if (path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] is '.' or '['))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
