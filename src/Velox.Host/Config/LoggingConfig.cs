namespace Velox.Host.Config;

/// <summary>Section "logging".</summary>
public sealed class LoggingConfig
{
    /// <summary>Process-wide level.</summary>
    public LogLevel Level { get; init; } = LogLevel.Info;

    /// <summary>Per-component levels that override <see cref="Level"/> (e.g. "md": "debug").</summary>
    public IReadOnlyDictionary<string, LogLevel> Components { get; init; } = new Dictionary<string, LogLevel>();

    /// <summary>Write JSON lines to standard output.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>Also write to this file (rotated); null for none.</summary>
    public string? File { get; init; }

    /// <summary>Size at which the log file rotates.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Rotated files kept.</summary>
    public int MaxFiles { get; init; } = 5;
}
