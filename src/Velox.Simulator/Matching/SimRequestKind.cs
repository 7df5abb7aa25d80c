namespace Velox.Simulator.Matching;

/// <summary>The request an acknowledgement answers.</summary>
public enum SimRequestKind
{
    /// <summary>New order.</summary>
    New,

    /// <summary>Cancel one order.</summary>
    Cancel,

    /// <summary>Change price and/or amount of one order.</summary>
    Amend,

    /// <summary>Cancel several (or all) orders.</summary>
    CancelMany,
}
