namespace Velox.Simulator.Matching;

/// <summary>How an order meets the book; venue-neutral (a dialect maps its own type names).</summary>
public enum SimOrderType
{
    /// <summary>Matches what crosses its price, rests the remainder.</summary>
    Limit,

    /// <summary>Matches at any price until filled or the book is exhausted; never rests.</summary>
    Market,

    /// <summary>Matches what crosses its price, cancels the remainder.</summary>
    ImmediateOrCancel,

    /// <summary>Fills completely at or better than its price at once, or is cancelled without any fill.</summary>
    FillOrKill,
}
