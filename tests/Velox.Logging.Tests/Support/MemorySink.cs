using System.Text;
using System.Text.Json;
using Velox.Logging.Sinks;

namespace Velox.Logging.Tests.Support;

/// <summary>Keeps every line it is given (as text) and counts flushes.</summary>
internal sealed class MemorySink : ILogSink
{
    private readonly List<string> _lines = [];
    private int _flushes;
    private bool _disposed;

    public long Errors => 0;

    public int Flushes => Volatile.Read(ref _flushes);

    public bool Disposed => Volatile.Read(ref _disposed);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        Assert.That(line[^1], Is.EqualTo((byte)'\n'), "a line ends with a newline");
        lock (_lines)
        {
            _lines.Add(Encoding.UTF8.GetString(line));
        }
    }

    public void Flush() => Interlocked.Increment(ref _flushes);

    public void Dispose() => Volatile.Write(ref _disposed, true);

    /// <summary>Parses every line, checks the keys every line must have, and returns the documents.</summary>
    public List<JsonDocument> Parse() => [.. Lines.Select(Line.Parse)];
}
