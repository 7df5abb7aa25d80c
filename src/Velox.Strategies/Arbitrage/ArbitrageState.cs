namespace Velox.Strategies.Arbitrage;

/// <summary>States of one arbitrage cycle. Values index <see cref="ArbitrageStateMachine"/>'s table.</summary>
public enum ArbitrageState : byte
{
    /// <summary>Not looking: a book is out of sync or trading is stopped.</summary>
    Idle = 0,

    /// <summary>Both books in sync; every book change is checked for an opportunity.</summary>
    Detecting,

    /// <summary>An opportunity net of fees and margin was found; the legs are being sent.</summary>
    OpportunityFound,

    /// <summary>Both legs were sent; waiting for their fills.</summary>
    Executing,

    /// <summary>Both legs filled completely: bought on one venue, sold the same quantity on the other.</summary>
    Completed,

    /// <summary>The cycle ended without an open exposure (nothing filled, a leg refused before sending, or unwound).</summary>
    Failed,

    /// <summary>The legs filled unequally: the difference is being unwound.</summary>
    Recovering,
}
