namespace Velox.Logging;

/// <summary>
/// Levels as one configuration string: a default and per-component overrides, e.g. <c>"info,md=debug,oms=trace"</c>
/// (for a <c>--log-level</c> option or a config field; <see cref="Apply"/> is what a reload calls).
/// </summary>
public sealed record LogLevelSpec(LogLevel Default, IReadOnlyDictionary<string, LogLevel> Overrides)
{
    /// <summary>Parses the spec; on failure <paramref name="error"/> names the part and the problem.</summary>
    public static bool TryParse(string? text, out LogLevelSpec spec, out string error)
    {
        spec = new LogLevelSpec(LogLevel.Info, new Dictionary<string, LogLevel>());
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "log levels: empty (expected e.g. \"info\" or \"info,md=debug\")";
            return false;
        }

        var level = LogLevel.Info;
        var overrides = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        var sawDefault = false;
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (sawDefault || !LogLevelText.TryParse(part, out level))
                {
                    error = sawDefault
                        ? $"log levels: '{part}': a second default level (components are written name=level)"
                        : $"log levels: '{part}' is not a level (trace, debug, info, warn, error, off)";
                    return false;
                }

                sawDefault = true;
                continue;
            }

            var component = part[..equals].Trim();
            if (component.Length == 0 || !LogLevelText.TryParse(part[(equals + 1)..], out var own))
            {
                error = $"log levels: '{part}': expected component=level with level trace, debug, info, warn, error or off";
                return false;
            }

            if (!overrides.TryAdd(component, own))
            {
                error = $"log levels: component '{component}' appears twice";
                return false;
            }
        }

        spec = new LogLevelSpec(level, overrides);
        error = "";
        return true;
    }

    /// <summary>Makes these the catalog's levels, replacing the previous default and overrides.</summary>
    public void Apply(LogCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.ApplyLevels(Default, Overrides);
    }
}
