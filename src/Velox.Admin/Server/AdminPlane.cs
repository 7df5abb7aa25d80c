using Velox.Admin.Health;
using Velox.Admin.Metrics;

namespace Velox.Admin.Server;

/// <summary>
/// Everything the admin endpoints serve: the metrics registry, the health board and the kill token. Built
/// at start by the host; components register into <see cref="Metrics"/> and <see cref="Health"/>.
/// </summary>
public sealed class AdminPlane
{
    public AdminPlane(HealthBoard? health = null, KillToken? killToken = null)
    {
        Health = health ?? new HealthBoard();
        KillToken = killToken;
    }

    public MetricsRegistry Metrics { get; } = new();

    public HealthBoard Health { get; }

    /// <summary>The token POST /kill requires; null disables /kill (it answers 403).</summary>
    public KillToken? KillToken { get; }
}
