namespace Velox.Host.Config;

/// <summary>The outcome of <see cref="ConfigReload.TryReload"/>.</summary>
public sealed class ConfigReloadResult
{
    /// <summary>True when every change is reloadable; the new configuration may then replace the running one.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Every changed field.</summary>
    public required IReadOnlyList<ConfigChange> Changes { get; init; }

    /// <summary>One error per changed field that needs a restart.</summary>
    public required IReadOnlyList<ConfigError> Errors { get; init; }
}
