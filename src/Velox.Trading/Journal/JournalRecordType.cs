namespace Velox.Trading.Journal;

/// <summary>What a journal record holds.</summary>
public enum JournalRecordType : ushort
{
    /// <summary>A new order that passed risk and was placed in the OMS.</summary>
    NewOrder = 1,

    /// <summary>A new order refused by risk (code = reason).</summary>
    RiskReject = 2,

    /// <summary>A cancel command.</summary>
    Cancel = 3,

    /// <summary>An amend command (price, quantity = the new ones).</summary>
    Amend = 4,

    /// <summary>A cancel-all command (instrument, or 65535 for all; quantity = orders affected).</summary>
    CancelAll = 5,

    /// <summary>
    /// The opening position found by startup reconciliation (instrument; quantity signed, price = its cost, the mid
    /// when it was booked). Journal replay opens the position with it, as the run did, before any fill.
    /// </summary>
    OpeningPosition = 6,

    /// <summary>An order left resting at the venue by an earlier run, found at startup and cancelled (instrument, venue order id).</summary>
    EarlierOrderCancelled = 7,

    /// <summary>An execution report (exec type set; code = OMS outcome).</summary>
    Report = 16,
}
