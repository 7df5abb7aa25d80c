using System.Runtime.CompilerServices;
using Velox.Logging.Formatting;
using Velox.Logging.Ring;

namespace Velox.Logging;

/// <summary>
/// The registry of components, events and interned strings, and the per-component level thresholds.
/// Registration is a cold path (locks, allocates) and may happen at any time; the tables are republished
/// copy-on-write so the writer agent reads them without a lock. Thresholds change at run time (a SIGHUP
/// reload) with one volatile store per component; the hot path reads one int.
/// </summary>
public sealed class LogCatalog
{
    /// <summary>Most components a catalog holds (the threshold table is preallocated).</summary>
    public const int MaxComponents = 256;

    /// <summary>Most fields an event can have (what a fixed-size record holds).</summary>
    public const int MaxFields = LogRecord.MaxFields;

    /// <summary>Component of the logger's own events.</summary>
    public const string LogComponentName = "log";

    /// <summary>The synthetic event the writer emits after records were dropped on a full ring.</summary>
    public const string DroppedEventName = "log.dropped";

    private readonly Lock _gate = new();
    private readonly int[] _thresholds = new int[MaxComponents];
    private readonly Dictionary<string, LogComponent> _componentsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogEventDefinition> _eventsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _textIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, LogLevel> _overrides = [];
    private ComponentEntry[] _components = [];
    private LogEventDefinition[] _events = [];
    private byte[][] _texts = [];
    private LogLevel _defaultLevel;

    /// <summary>A catalog whose components print at <paramref name="defaultLevel"/> and above unless overridden.</summary>
    public LogCatalog(LogLevel defaultLevel = LogLevel.Info)
    {
        ThrowIfInvalid(defaultLevel);
        _defaultLevel = defaultLevel;
        Dropped = Event(Component(LogComponentName), DroppedEventName, LogLevel.Warn, LogField.Long("count"), LogField.Long("total"));
    }

    /// <summary>The logger's <c>log.dropped</c> event (fields: dropped since the last report, dropped in total).</summary>
    public LogEvent Dropped { get; }

    /// <summary>The threshold of components without an override.</summary>
    public LogLevel DefaultLevel
    {
        get
        {
            lock (_gate)
            {
                return _defaultLevel;
            }
        }
    }

    /// <summary>Registered events in id order.</summary>
    public IReadOnlyList<LogEventDefinition> Events => Volatile.Read(ref _events);

    /// <summary>Returns the component with this name, registering it on first use.</summary>
    public LogComponent Component(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (_componentsByName.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var id = _components.Length;
            if (id == MaxComponents)
            {
                throw new InvalidOperationException($"log catalog: more than {MaxComponents} components (registering '{name}')");
            }

            var component = new LogComponent(id, name);
            _componentsByName.Add(name, component);
            Volatile.Write(ref _thresholds[id], (int)_defaultLevel);
            // Release: the entry is complete before the writer can see the larger table.
            Volatile.Write(ref _components, [.. _components, new ComponentEntry(component, JsonText.Quote(name))]);
            return component;
        }
    }

    /// <summary>
    /// Registers an event (or returns the one already registered under this name with the same definition).
    /// Values are passed to the logger in field order.
    /// </summary>
    public LogEvent Event(LogComponent component, string name, LogLevel level, params LogField[] fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(fields);
        if (level is < LogLevel.Trace or >= LogLevel.Off)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "an event's level is trace, debug, info, warn or error");
        }

        if (fields.Length > MaxFields)
        {
            throw new ArgumentException($"log event '{name}': {fields.Length} fields, a record holds at most {MaxFields}", nameof(fields));
        }

        for (var i = 0; i < fields.Length; i++)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(fields[i].Name, nameof(fields));
            for (var j = 0; j < i; j++)
            {
                if (fields[j].Name == fields[i].Name)
                {
                    throw new ArgumentException($"log event '{name}': field '{fields[i].Name}' appears twice", nameof(fields));
                }
            }
        }

        lock (_gate)
        {
            if (component.Id < 0 || component.Id >= _components.Length || _components[component.Id].Component != component)
            {
                throw new ArgumentException($"log event '{name}': component '{component.Name}' is not from this catalog", nameof(component));
            }

            if (_eventsByName.TryGetValue(name, out var existing))
            {
                if (existing.Component == component && existing.Level == level && existing.Fields.SequenceEqual(fields))
                {
                    return existing.Handle;
                }

                throw new ArgumentException($"log event '{name}' is already registered with a different definition", nameof(name));
            }

            var definition = new LogEventDefinition(_events.Length, name, component, level, [.. fields]);
            _eventsByName.Add(name, definition);
            // Release: the definition is complete before a record naming it can reach the writer.
            Volatile.Write(ref _events, [.. _events, definition]);
            return definition.Handle;
        }
    }

    /// <summary>Interns a low-cardinality string for <see cref="LogFieldKind.Text"/> fields (same string, same id).</summary>
    public LogText Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_textIds.TryGetValue(value, out var id))
            {
                return new LogText(id);
            }

            id = _texts.Length;
            _textIds.Add(value, id);
            // Release: the escaped text is complete before a record carrying its id can reach the writer.
            Volatile.Write(ref _texts, [.. _texts, JsonText.Quote(value)]);
            return new LogText(id);
        }
    }

    /// <summary>True when an event would be printed now (one volatile read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(in LogEvent evt) =>
        // Acquire: a threshold changed on another thread is seen within a few calls, never half-written.
        (int)evt.Level >= Volatile.Read(ref _thresholds[evt.ComponentId]);

    /// <summary>The threshold a component has now.</summary>
    public LogLevel LevelOf(LogComponent component) => (LogLevel)Volatile.Read(ref _thresholds[component.Id]);

    /// <summary>Changes the threshold of components without an override.</summary>
    public void SetDefaultLevel(LogLevel level)
    {
        ThrowIfInvalid(level);
        lock (_gate)
        {
            _defaultLevel = level;
            Republish();
        }
    }

    /// <summary>Gives one component its own threshold.</summary>
    public void SetLevel(LogComponent component, LogLevel level)
    {
        ThrowIfInvalid(level);
        lock (_gate)
        {
            _overrides[component.Id] = level;
            Republish();
        }
    }

    /// <summary>Returns a component to the default threshold.</summary>
    public void ClearLevel(LogComponent component)
    {
        lock (_gate)
        {
            _overrides.Remove(component.Id);
            Republish();
        }
    }

    /// <summary>
    /// Replaces the default and every override at once (a configuration reload). Components named here that
    /// are not registered yet are registered so the override holds when they start logging.
    /// </summary>
    public void ApplyLevels(LogLevel defaultLevel, IReadOnlyDictionary<string, LogLevel> overrides)
    {
        ThrowIfInvalid(defaultLevel);
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var level in overrides.Values)
        {
            ThrowIfInvalid(level);
        }

        var components = overrides.Keys.Select(name => (Component: Component(name), Level: overrides[name])).ToList();
        lock (_gate)
        {
            _defaultLevel = defaultLevel;
            _overrides.Clear();
            foreach (var (component, level) in components)
            {
                _overrides[component.Id] = level;
            }

            Republish();
        }
    }

    internal LogEventDefinition? EventAt(int id)
    {
        var events = Volatile.Read(ref _events);
        return (uint)id < (uint)events.Length ? events[id] : null;
    }

    internal byte[]? TextAt(long id)
    {
        var texts = Volatile.Read(ref _texts);
        return (ulong)id < (ulong)texts.Length ? texts[id] : null;
    }

    internal byte[] ComponentNameJson(int id) => Volatile.Read(ref _components)[id].NameJson;

    private void Republish()
    {
        for (var id = 0; id < _components.Length; id++)
        {
            var level = _overrides.TryGetValue(id, out var own) ? own : _defaultLevel;
            // Release: pairs with IsEnabled's acquire; each component flips on its own, which is all a reload needs.
            Volatile.Write(ref _thresholds[id], (int)level);
        }
    }

    private static void ThrowIfInvalid(LogLevel level)
    {
        if (!LogLevelText.IsValid(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "a threshold is trace, debug, info, warn, error or off");
        }
    }

    private sealed record ComponentEntry(LogComponent Component, byte[] NameJson);
}
