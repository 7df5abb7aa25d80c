namespace Velox.Trading.Oms;

/// <summary>Result of placing a new order in the OMS.</summary>
public enum SubmitStatus : byte
{
    Accepted = 0,

    /// <summary>Malformed request: quantity &lt;= 0, missing price, market order that could rest, post-only not GTC.</summary>
    InvalidOrder,

    /// <summary>Instrument id outside what the OMS was sized for.</summary>
    UnknownInstrument,

    /// <summary>Every slot holds a live order.</summary>
    PoolExhausted,

    /// <summary>Pre-trade risk refused the order (the reason is returned alongside).</summary>
    RiskRejected,
}
