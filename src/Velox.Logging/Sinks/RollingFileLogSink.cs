namespace Velox.Logging.Sinks;

/// <summary>
/// Appends lines to a file and rotates it by size: when the next line would take the file past
/// <c>maxBytes</c>, velox.log becomes velox.log.1, velox.log.1 becomes velox.log.2 and so on, keeping
/// <c>maxFiles</c> rotated files (the oldest is deleted), and a new velox.log starts. Lines are never split
/// across files. An existing file is appended to. I/O failures are counted, never thrown from
/// <see cref="Write"/>; failing to open the file at construction throws (a configuration error).
/// </summary>
public sealed class RollingFileLogSink : ILogSink
{
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly int _maxFiles;
    private readonly byte[] _buffer;
    private FileStream? _stream;
    private int _buffered;
    private long _fileBytes;
    private long _errors;
    private long _rotations;

    /// <param name="path">The active file (velox.log); its directory is created when missing.</param>
    /// <param name="maxBytes">Size a file may reach before rotation.</param>
    /// <param name="maxFiles">Rotated files kept besides the active one (path.1 … path.maxFiles); 0 keeps none.</param>
    /// <param name="bufferSize">Bytes buffered between writes to the file.</param>
    public RollingFileLogSink(string path, long maxBytes, int maxFiles, int bufferSize = 64 * 1024)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 256);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        _path = Path.GetFullPath(path);
        _maxBytes = maxBytes;
        _maxFiles = maxFiles;
        _buffer = new byte[(int)Math.Min(bufferSize, maxBytes)];
        var directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = Open(_path);
        _fileBytes = _stream.Length;
    }

    /// <summary>The active file's full path.</summary>
    public string FilePath => _path;

    /// <inheritdoc/>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>Rotations done so far.</summary>
    public long Rotations => Volatile.Read(ref _rotations);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> line)
    {
        if (_fileBytes > 0 && _fileBytes + line.Length > _maxBytes)
        {
            Rotate();
        }

        if (line.Length > _buffer.Length - _buffered)
        {
            WriteBuffer();
            if (line.Length > _buffer.Length)
            {
                WriteThrough(line);
                _fileBytes += line.Length;
                return;
            }
        }

        line.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += line.Length;
        _fileBytes += line.Length;
    }

    /// <inheritdoc/>
    public void Flush()
    {
        WriteBuffer();
        try
        {
            _stream?.Flush();
        }
        catch (IOException)
        {
            Count(ref _errors);
        }
    }

    public void Dispose()
    {
        Flush();
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>The path of rotated file <paramref name="index"/> (1 is the newest).</summary>
    public string RotatedPath(int index) => $"{_path}.{index}";

    private void Rotate()
    {
        Flush();
        _stream?.Dispose();
        _stream = null;
        var moved = false;
        try
        {
            if (_maxFiles == 0)
            {
                File.Delete(_path);
            }
            else
            {
                File.Delete(RotatedPath(_maxFiles));
                for (var i = _maxFiles - 1; i >= 1; i--)
                {
                    if (File.Exists(RotatedPath(i)))
                    {
                        File.Move(RotatedPath(i), RotatedPath(i + 1));
                    }
                }

                File.Move(_path, RotatedPath(1));
            }

            moved = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Count(ref _errors);
        }

        try
        {
            _stream = Open(_path);
            // After a failed move the old file is appended to; the next attempt waits for another maxBytes, not the next line.
            _fileBytes = moved ? _stream.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Count(ref _errors);
            _fileBytes = 0;
        }

        if (moved)
        {
            Count(ref _rotations);
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
        if (_stream is null)
        {
            Count(ref _errors);
            return;
        }

        try
        {
            _stream.Write(bytes);
        }
        catch (IOException)
        {
            Count(ref _errors);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    // Written by the writer thread only; other threads read the counters.
    private static void Count(ref long counter) => Volatile.Write(ref counter, counter + 1);
}
