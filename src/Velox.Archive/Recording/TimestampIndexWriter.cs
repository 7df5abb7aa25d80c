using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using static Velox.Archive.Segments.TimestampIndexLayout;

namespace Velox.Archive.Recording;

/// <summary>Appends timestamp index entries through a preallocated buffer; flushed when full and before each catalog update.</summary>
internal sealed class TimestampIndexWriter : IDisposable
{
    private const int BufferLength = 256 * EntryLength;

    private readonly SafeFileHandle _file;
    private readonly byte[] _buffer = new byte[BufferLength];
    private int _buffered;
    private long _fileLength;

    public TimestampIndexWriter(string path)
    {
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
    }

    public void Append(long endPosition, long timeNanos)
    {
        if (_buffered == BufferLength)
        {
            Flush();
        }

        var entry = _buffer.AsSpan(_buffered, EntryLength);
        BinaryPrimitives.WriteInt64LittleEndian(entry[EndPositionOffset..], endPosition);
        BinaryPrimitives.WriteInt64LittleEndian(entry[TimeOffset..], timeNanos);
        _buffered += EntryLength;
    }

    public void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }

        RandomAccess.Write(_file, _buffer.AsSpan(0, _buffered), _fileLength);
        _fileLength += _buffered;
        _buffered = 0;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }
}
