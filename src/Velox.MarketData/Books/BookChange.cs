namespace Velox.MarketData.Books;

/// <summary>What applying one level change did to a book side.</summary>
public enum BookChange : byte
{
    /// <summary>A new price level was inserted.</summary>
    Inserted = 0,

    /// <summary>An existing level got a new size/count.</summary>
    Updated,

    /// <summary>An existing level was removed.</summary>
    Deleted,

    /// <summary>A delete named a price that the book does not hold (normal beyond the depth limit).</summary>
    DeleteMissing,

    /// <summary>An insert was worse than every level of a full side and was dropped by the depth limit.</summary>
    DroppedBeyondDepth,
}
