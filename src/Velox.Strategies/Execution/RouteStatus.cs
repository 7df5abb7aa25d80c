namespace Velox.Strategies.Execution;

/// <summary>What happened to an order a strategy decided on.</summary>
public enum RouteStatus : byte
{
    /// <summary>Passed risk, placed in the OMS and handed to the sink.</summary>
    Sent = 0,

    /// <summary>Pre-trade risk refused it (the reason is returned alongside); nothing was sent.</summary>
    RiskRejected,

    /// <summary>The OMS refused it (malformed, unknown instrument, pool exhausted); nothing was sent.</summary>
    Refused,

    /// <summary>The sink could not take it (back-pressure, disconnected); the OMS booked it as rejected.</summary>
    SinkRefused,
}
