namespace Velox.Logging;

/// <summary>A free-text message from cold code, queued beside the ring.</summary>
internal sealed record LogMessage(long Timestamp, LogComponent Component, LogLevel Level, string Event, string Text);
