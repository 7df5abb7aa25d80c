namespace Velox.Simulator.Market;

/// <summary>How a book level changed.</summary>
public enum LevelChange
{
    Insert,
    Modify,
    Delete,
}
