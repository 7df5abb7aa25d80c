namespace Velox.Host.Config;

/// <summary>The embedded exchange (section "simulator").</summary>
public sealed class SimulatorConfig
{
    /// <summary>Seed of the synthetic market; the same seed gives the same market.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Book events per second of the synthetic market.</summary>
    public int EventsPerSecond { get; init; } = 2000;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Levels per side the venue publishes.</summary>
    public int BookLength { get; init; } = 25;
}
