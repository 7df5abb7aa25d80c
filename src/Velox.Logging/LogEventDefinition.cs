using Velox.Logging.Formatting;

namespace Velox.Logging;

/// <summary>A registered event: its name, component, level and fields, with the JSON text of its names prepared once.</summary>
public sealed class LogEventDefinition
{
    internal LogEventDefinition(int id, string name, LogComponent component, LogLevel level, LogField[] fields)
    {
        Id = id;
        Name = name;
        Component = component;
        Level = level;
        FieldArray = fields;
        NameJson = JsonText.Quote(name);
        FieldKeysJson = [.. fields.Select(f => JsonText.Key(f.Name))];
    }

    public int Id { get; }

    public string Name { get; }

    public LogComponent Component { get; }

    public LogLevel Level { get; }

    public IReadOnlyList<LogField> Fields => FieldArray;

    /// <summary>The handle passed to <see cref="Logger.Log(in LogEvent)"/> and its overloads.</summary>
    public LogEvent Handle => new(Id, Component.Id, Level);

    internal LogField[] FieldArray { get; }

    internal byte[] NameJson { get; }

    /// <summary>Per field: <c>"name":</c> as UTF-8.</summary>
    internal byte[][] FieldKeysJson { get; }
}
