namespace Velox.Host.Config;

/// <summary>
/// The effective configuration of one velox process: built-in defaults, then the JSON file, then VELOX_
/// environment overrides. Obtain it from <see cref="VeloxConfigLoader.Load"/>, which validates every field;
/// a constructed instance holds the defaults. <see cref="ToString"/> hides secrets.
/// </summary>
public sealed class VeloxConfig
{
    /// <summary>dry-run (default), paper or live.</summary>
    public RunMode Mode { get; init; } = RunMode.DryRun;

    /// <summary>simulator (default) or replay.</summary>
    public DataSourceKind DataSource { get; init; } = DataSourceKind.Simulator;

    /// <summary>Venues to connect, from <see cref="ConfigSchema.KnownVenues"/>.</summary>
    public IReadOnlyList<string> Venues { get; init; } = ["bitfinex"];

    public SimulatorConfig Simulator { get; init; } = new();

    public StrategyConfig Strategy { get; init; } = new();

    public RiskConfig Risk { get; init; } = new();

    public AdminConfig Admin { get; init; } = new();

    public LoggingConfig Logging { get; init; } = new();

    public CpuConfig Cpus { get; init; } = new();

    public IpcConfig Ipc { get; init; } = new();

    public JournalConfig Journal { get; init; } = new();

    public CredentialsConfig Credentials { get; init; } = new();

    /// <summary>The configuration as compact JSON with secrets replaced by "***".</summary>
    public override string ToString() => ConfigJson.Write(this, indented: false);
}
