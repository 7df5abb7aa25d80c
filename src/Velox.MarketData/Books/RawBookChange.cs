namespace Velox.MarketData.Books;

/// <summary>What applying one order-level (raw, R0) change did.</summary>
public enum RawBookChange : byte
{
    /// <summary>A new order was added.</summary>
    Added = 0,

    /// <summary>An existing order changed price or amount.</summary>
    Modified,

    /// <summary>An order was removed.</summary>
    Removed,

    /// <summary>A removal named an order id the book does not hold.</summary>
    RemoveMissing,

    /// <summary>The book is at its order capacity; the order was not added.</summary>
    Full,
}
