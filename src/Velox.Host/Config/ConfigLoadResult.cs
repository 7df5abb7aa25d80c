namespace Velox.Host.Config;

/// <summary>What <see cref="VeloxConfigLoader.Load"/> found: a valid configuration, or every problem.</summary>
public sealed class ConfigLoadResult
{
    /// <summary>The effective configuration; null when there are <see cref="Errors"/>.</summary>
    public VeloxConfig? Config { get; init; }

    /// <summary>Venue credentials from the environment and the credentials file (empty when there are errors).</summary>
    public VeloxCredentials Credentials { get; init; } = VeloxCredentials.None;

    /// <summary>Every problem, in file order, then environment, then values.</summary>
    public IReadOnlyList<ConfigError> Errors { get; init; } = [];

    /// <summary>Fields set by the file or the environment, with their source.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    public bool IsValid => Config is not null && Errors.Count == 0;
}
