namespace Velox.Trading.Oms;

/// <summary>What the OMS did with an execution report. Values index the OMS's per-outcome counters.</summary>
public enum ReportOutcome : byte
{
    /// <summary>The report changed the order.</summary>
    Applied = 0,

    /// <summary>A late or repeated report with nothing new (ack after fill, cancel ack after full fill); ignored.</summary>
    Stale,

    /// <summary>A fill whose fill id was already applied; ignored.</summary>
    DuplicateFill,

    /// <summary>The report is impossible in the order's state; counted, not applied.</summary>
    IllegalTransition,

    /// <summary>No order with this client order id (never ours, or retired long ago).</summary>
    UnknownOrder,

    /// <summary>A fill that would take the filled quantity above the order quantity; counted, not applied.</summary>
    Overfill,

    /// <summary>Malformed (a fill with quantity &lt;= 0 or price &lt;= 0); counted, not applied.</summary>
    InvalidReport,
}
