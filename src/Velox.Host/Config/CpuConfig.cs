namespace Velox.Host.Config;

/// <summary>
/// Section "cpus": housekeeping CPUs (OS, admin, logging) and the isolated CPUs that spinning roles are
/// pinned to. A role left null is not pinned and runs on the housekeeping CPUs with a backing-off idle strategy.
/// </summary>
public sealed class CpuConfig
{
    public IReadOnlyList<int> Housekeeping { get; init; } = [0];

    /// <summary>Market-data role's CPU (one of <see cref="Isolated"/>), or null.</summary>
    public int? Md { get; init; }

    /// <summary>Engine role's CPU (one of <see cref="Isolated"/>), or null.</summary>
    public int? Engine { get; init; }

    /// <summary>Order-gateway role's CPU (one of <see cref="Isolated"/>), or null.</summary>
    public int? OrderGateway { get; init; }

    public IReadOnlyList<int> Isolated { get; init; } = [];
}
