namespace Velox.Logging.Sinks;

/// <summary>Buffers lines and writes them to a stream: standard output, or any stream a test or tool supplies.</summary>
public sealed class StreamLogSink : ILogSink
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer;
    private int _buffered;
    private long _errors;

    /// <summary>A sink over <paramref name="stream"/>; <paramref name="ownsStream"/> disposes it with the sink.</summary>
    public StreamLogSink(Stream stream, bool ownsStream, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        _stream = stream;
        _ownsStream = ownsStream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>A sink writing to the process's standard output.</summary>
    public static StreamLogSink Stdout() => new(Console.OpenStandardOutput(), ownsStream: true);

    /// <inheritdoc/>
    public long Errors => Volatile.Read(ref _errors);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> line)
    {
        if (line.Length > _buffer.Length - _buffered)
        {
            WriteBuffer();
            if (line.Length > _buffer.Length)
            {
                WriteThrough(line);
                return;
            }
        }

        line.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += line.Length;
    }

    /// <inheritdoc/>
    public void Flush()
    {
        WriteBuffer();
        try
        {
            _stream.Flush();
        }
        catch (IOException)
        {
            Volatile.Write(ref _errors, _errors + 1);
        }
    }

    public void Dispose()
    {
        Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private void WriteBuffer()
    {
        if (_buffered > 0)
        {
            var count = _buffered;
            _buffered = 0;
            WriteThrough(_buffer.AsSpan(0, count));
        }
    }

    private void WriteThrough(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _stream.Write(bytes);
        }
        catch (IOException)
        {
            Volatile.Write(ref _errors, _errors + 1);
        }
    }
}
