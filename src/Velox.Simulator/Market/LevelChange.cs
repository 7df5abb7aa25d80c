namespace Velox.Simulator.Market;

/// <summary>How a book level changed.</summary>
public enum LevelChange
{
    /// <summary>A new price level.</summary>
    Insert,

    /// <summary>New size or count at an existing price.</summary>
    Modify,

    /// <summary>The price level is gone.</summary>
    Delete,
}
