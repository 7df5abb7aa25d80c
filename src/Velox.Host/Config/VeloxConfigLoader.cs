using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Velox.Host.Doctor;

namespace Velox.Host.Config;

/// <summary>
/// Builds the effective configuration — defaults, then the JSON file, then environment overrides — and validates
/// all of it, reporting every problem at once. Reads only: it creates no file, directory or socket.
/// </summary>
public static class VeloxConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Loads <paramref name="path"/> (null: defaults only) with the overrides in <paramref name="environment"/>, checking
    /// the CPU plan against a machine with <paramref name="machineCpuCount"/> CPUs (0 … count − 1).
    /// </summary>
    public static ConfigLoadResult Load(string? path, IReadOnlyDictionary<string, string> environment, int machineCpuCount)
    {
        var errors = new List<ConfigError>();
        var fileValues = new List<string>();
        var failedPaths = new HashSet<string>(StringComparer.Ordinal);
        var root = path is null ? [] : ReadFile(path, errors, fileValues, failedPaths);

        var environmentValues = new List<(string Path, string Variable)>();
        ConfigEnvironment.Apply(environment, root, errors, environmentValues, failedPaths);

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fileValues)
        {
            sources[field] = $"file {path}";
        }

        foreach (var (field, variable) in environmentValues)
        {
            sources[field] = $"env {variable}";
        }

        // Bind a complete tree: the generated code sets every init-only property, so a missing key would become default(T).
        var effective = ConfigJson.ToNode(new VeloxConfig(), redact: false);
        Merge(effective, root);
        VeloxConfig config;
        try
        {
            config = effective.Deserialize(VeloxConfigJsonContext.Default.VeloxConfig) ?? new VeloxConfig();
        }
        catch (JsonException e)
        {
            // Every value was checked against its field's type above, so this is a gap in those checks.
            errors.Add(new ConfigError(e.Path ?? "$", $"cannot bind: {e.Message}"));
            return new ConfigLoadResult { Errors = errors };
        }

        ConfigValidation.Check(config, sources, failedPaths, machineCpuCount, errors);
        var credentials = CredentialsSource.Load(config, environment, errors);
        if (errors.Count > 0)
        {
            return new ConfigLoadResult { Errors = errors };
        }

        var overrides = new List<ConfigOverride>();
        foreach (var (field, source) in sources)
        {
            overrides.Add(new ConfigOverride(field, ConfigJson.Display(effective, field), source));
        }

        return new ConfigLoadResult { Config = config, Credentials = credentials, Overrides = overrides };
    }

    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                snapshot[key] = value;
            }
        }

        return snapshot;
    }

    /// <summary>CPUs this machine has (from /sys/devices/system/cpu/present; else the runtime's count).</summary>
    public static int MachineCpuCount()
    {
        try
        {
            var text = File.ReadAllText("/sys/devices/system/cpu/present").Trim();
            if (CpuSet.TryParse(text, out var present) && !present.IsEmpty)
            {
                return present.Cpus[^1] + 1;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /sys not mounted: the runtime's count is the best remaining answer.
        }

        return Environment.ProcessorCount;
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (target[key] is JsonObject section && value is JsonObject overlaySection)
            {
                Merge(section, overlaySection);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static JsonObject ReadFile(string path, List<ConfigError> errors, List<string> fileValues, HashSet<string> failedPaths)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError(path, $"cannot read the config file: {e.Message}"));
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            var reason = e.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = cut > 0 ? reason[..cut] : reason;
            errors.Add(new ConfigError("$", $"malformed JSON in {path} at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {reason}"));
            return [];
        }

        using (document)
        {
            return ConfigShape.Check(document.RootElement, errors, fileValues, failedPaths);
        }
    }
}
