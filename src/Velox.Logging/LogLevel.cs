namespace Velox.Logging;

/// <summary>Severity of an event; a component prints events at or above its threshold.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,

    /// <summary>As a threshold: nothing from the component is printed. Not a level for events.</summary>
    Off = 5,
}
