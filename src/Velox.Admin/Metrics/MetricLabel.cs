namespace Velox.Admin.Metrics;

/// <summary>One label of a series (name="value"); the value is escaped when written.</summary>
public readonly record struct MetricLabel(string Name, string Value);
