namespace Velox.Trading.Oms;

/// <summary>Result of a cancel or amend command.</summary>
public enum CommandStatus : byte
{
    Accepted = 0,

    /// <summary>No such order.</summary>
    UnknownOrder,

    /// <summary>The order's state does not allow it (terminal, or another cancel/amend pending); counted as an illegal transition.</summary>
    InvalidState,

    /// <summary>Amend to a non-positive price, or to a quantity not above what is already filled, or of a market order.</summary>
    InvalidAmend,

    /// <summary>Pre-trade risk refused the amend's new price or size (the order stays as it was).</summary>
    RiskRejected,
}
