namespace Velox.Logging.Sinks;

/// <summary>
/// Where the writer agent puts finished lines. Called only from the writer's thread. A sink buffers and
/// must not throw on I/O trouble: it counts the failure and carries on (a full disk must not stop logging to
/// the other sinks or remove the writer from its runner).
/// </summary>
public interface ILogSink : IDisposable
{
    /// <summary>Appends one complete line (newline included).</summary>
    void Write(ReadOnlySpan<byte> line);

    /// <summary>Pushes buffered lines to the operating system (called when the writer goes idle and at shutdown).</summary>
    void Flush();

    /// <summary>Writes or flushes that failed.</summary>
    long Errors { get; }
}
