namespace Velox.Logging;

/// <summary>A part of the process with its own level threshold ("md", "oms", "risk"); obtained from <see cref="LogCatalog.Component"/>.</summary>
public readonly record struct LogComponent(int Id, string Name);
