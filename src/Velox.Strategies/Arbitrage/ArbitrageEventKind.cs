namespace Velox.Strategies.Arbitrage;

/// <summary>What an <see cref="ArbitrageEvent"/> reports.</summary>
public enum ArbitrageEventKind : byte
{
    /// <summary>An opportunity net of both taker fees and the margin was found.</summary>
    OpportunityFound = 0,

    /// <summary>Both legs passed risk and were sent.</summary>
    LegsSent,

    /// <summary>A leg was refused before it was sent (risk, OMS or sink); <see cref="ArbitrageEvent.Reason"/> holds risk's reason.</summary>
    LegRefused,

    /// <summary>Both legs filled completely; positions are flat across the two venues.</summary>
    Completed,

    /// <summary>Neither leg filled; nothing is open.</summary>
    BothLegsMissed,

    /// <summary>The legs ended with unequal fills (reject, expiry, partial fill); <see cref="ArbitrageEvent.Exposure"/> is the difference.</summary>
    LegShortfall,

    /// <summary>The legs did not finish within the leg timeout; the open ones were cancelled.</summary>
    LegTimeout,

    /// <summary>A fill arrived on the last cycle's leg after the cycle had ended (e.g. after its cancel); the cycle recovers again.</summary>
    LateFill,

    /// <summary>An unwind order was sent for <see cref="ArbitrageEvent.Quantity"/>.</summary>
    UnwindSent,

    /// <summary>An unwind order was refused (e.g. kill switch); the exposure stays open and the unwind is retried.</summary>
    UnwindRefused,

    /// <summary>The exposure is closed again (<see cref="ArbitrageEvent.Quantity"/>: total unwound).</summary>
    Unwound,

    /// <summary>A state change the machine does not allow was refused (<see cref="ArbitrageEvent.Quantity"/> holds the refused target state).</summary>
    IllegalTransition,
}
