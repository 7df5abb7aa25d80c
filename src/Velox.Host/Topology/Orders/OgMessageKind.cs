namespace Velox.Host.Topology.Orders;

/// <summary>The first byte of every message on the og → engine report stream.</summary>
public enum OgMessageKind : byte
{
    None = 0,

    /// <summary>An <see cref="ExecutionReportRecord"/>.</summary>
    ExecutionReport = 1,

    /// <summary>A <see cref="GatewayStateRecord"/>: whether og can send orders now.</summary>
    GatewayState = 2,
}
