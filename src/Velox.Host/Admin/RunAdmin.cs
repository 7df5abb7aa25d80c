using Velox.Admin.Health;
using Velox.Admin.Server;
using Velox.MarketData.Events;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Admin;

/// <summary>
/// The admin plane of `velox run --admin`: registers the connector's metrics and health, a kill switch
/// (no orders are sent by `velox run` yet; the switch is what a trading engine in this process would
/// check) and serves them over HTTP on the housekeeping threads.
/// </summary>
public sealed class RunAdmin<TMarketData> : IDisposable
    where TMarketData : struct, IMarketDataHandler
{
    private RunAdmin(AdminPlane plane, BitfinexAdminFeed<TMarketData> feed, KillSwitch killSwitch, AdminServer server)
    {
        Plane = plane;
        Feed = feed;
        KillSwitch = killSwitch;
        Server = server;
    }

    public AdminPlane Plane { get; }

    /// <summary>Call <see cref="BitfinexAdminFeed{TMarketData}.Publish"/> from the market-data thread.</summary>
    public BitfinexAdminFeed<TMarketData> Feed { get; }

    public KillSwitch KillSwitch { get; }

    public AdminServer Server { get; }

    /// <summary>
    /// Builds the plane and starts the server; false with a message when the address cannot be bound.
    /// <paramref name="tradingKillSwitch"/>: the trading engine's switch, engaged by POST /kill (default: a fresh one).
    /// </summary>
    public static bool TryStart(
        AdminEndpoint endpoint, string? killToken, BitfinexConnector<TMarketData> connector, out RunAdmin<TMarketData>? admin, out string error,
        KillSwitch? tradingKillSwitch = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var plane = new AdminPlane(killToken: string.IsNullOrEmpty(killToken) ? null : new KillToken(killToken));
        var killSwitch = tradingKillSwitch ?? new KillSwitch();
        var risk = new RiskHealth(killSwitch);
        plane.Health.Risk = risk;
        var feed = new BitfinexAdminFeed<TMarketData>(plane.Metrics, plane.Health, connector);
        plane.Metrics.Add(new HealthMetricsCollector(plane.Health));
        plane.Metrics.Add(new RiskMetricsCollector(risk));
        try
        {
            admin = new RunAdmin<TMarketData>(plane, feed, killSwitch, AdminServer.Start(endpoint, plane, killSwitch));
            error = string.Empty;
            return true;
        }
        catch (IOException e)
        {
            admin = null;
            error = e.Message;
            return false;
        }
    }

    public void Dispose() => Server.Dispose();
}
