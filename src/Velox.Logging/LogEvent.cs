namespace Velox.Logging;

/// <summary>
/// The hot-path handle of a registered event: what the logger needs to filter and enqueue a record without
/// looking anything up. Obtained from <see cref="LogCatalog.Event"/> at start.
/// </summary>
public readonly struct LogEvent
{
    internal LogEvent(int id, int componentId, LogLevel level)
    {
        Id = id;
        ComponentId = componentId;
        Level = level;
    }

    /// <summary>Index of the definition in the catalog.</summary>
    public int Id { get; }

    public int ComponentId { get; }

    /// <summary>The level the event is printed at.</summary>
    public LogLevel Level { get; }
}
