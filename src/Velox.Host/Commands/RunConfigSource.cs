using Velox.Host.Config;

namespace Velox.Host.Commands;

/// <summary>
/// Where `velox run` takes its configuration from: the file given with --config (or none), the environment
/// snapshot taken at start and the machine's CPU count. A SIGHUP reload reads the same file with the same
/// environment, so only an edit of the file changes the outcome.
/// </summary>
public sealed class RunConfigSource
{
    public RunConfigSource(string? path, IReadOnlyDictionary<string, string> environment, int machineCpuCount)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Path = path;
        Environment = environment;
        MachineCpuCount = machineCpuCount;
    }

    /// <summary>The --config file; null when the run uses defaults and environment only.</summary>
    public string? Path { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int MachineCpuCount { get; }

    /// <summary>Loads and validates defaults + file + environment.</summary>
    public ConfigLoadResult Load() => VeloxConfigLoader.Load(Path, Environment, MachineCpuCount);
}
