using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ICSharpCode.SharpZipLib.GZip;
using Velox.Archive.Catalog;
using Velox.Archive.Segments;
using Velox.Ipc.LogBuffers;
using static Velox.Archive.Segments.TimestampIndexLayout;

namespace Velox.Archive.Replay;

/// <summary>
/// Iterates the messages of a recording in order without publishing them: loads one segment at a time
/// (plain or gzip) into a buffer allocated once, validates every frame header against the catalog record
/// (length, alignment, term offset, term id, session, stream, type), skips padding and reassembles
/// fragments. At the first frame that is missing, truncated or corrupt it stops with
/// <see cref="ReadStatus.Error"/> and an <see cref="Error"/> naming the file and offset; everything before
/// it has been delivered. Never writes to the archive.
/// </summary>
public sealed class RecordingReader
{
    private const int InflateChunk = 4096;

    private readonly string _directory;
    private readonly RecordingDescriptor _descriptor;
    private readonly byte[] _segment;
    private readonly byte[] _assembly;
    private readonly long[] _timePositions;
    private readonly long[] _times;
    private readonly int _termMask;
    private readonly int _positionBitsToShift;
    private long _position;
    private long _loadedBase = -1;
    private int _available;
    private string _segmentPath = string.Empty;
    private int _timeCursor;
    private byte[] _messageArray;
    private int _messageOffset;
    private int _messageLength;
    private int _assembled;
    private long _assemblyReservedValue;

    /// <summary>A reader positioned at the start of the recording described by <paramref name="descriptor"/>.</summary>
    public RecordingReader(string archiveDirectory, RecordingDescriptor descriptor)
    {
        _directory = archiveDirectory;
        _descriptor = descriptor;
        _segment = new byte[descriptor.SegmentFileLength];
        _assembly = new byte[LogBufferDescriptor.ComputeMaxMessageLength(descriptor.TermLength)];
        _termMask = descriptor.TermLength - 1;
        _positionBitsToShift = LogBufferDescriptor.PositionBitsToShift(descriptor.TermLength);
        _position = descriptor.StartPosition;
        _messageArray = _segment;
        (_timePositions, _times) = LoadTimes(Path.Combine(archiveDirectory, SegmentFiles.TimesName(descriptor.RecordingId)));
    }

    public RecordingDescriptor Descriptor => _descriptor;

    /// <summary>Why reading stopped, naming the file and offset; null while healthy.</summary>
    public string? Error { get; private set; }

    /// <summary>True when the recording has a timestamp index (needed for recorded-pace replay).</summary>
    public bool HasTimestamps => _times.Length > 0;

    /// <summary>The current message; valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Message => _messageArray.AsSpan(_messageOffset, _messageLength);

    /// <summary>Stream position just after the current message.</summary>
    public long MessagePosition { get; private set; }

    /// <summary>Reserved value of the current message's (first) frame.</summary>
    public long ReservedValue { get; private set; }

    /// <summary>Epoch ns at which the recorder took the current message from the log (0 without an index).</summary>
    public long TimestampNanos { get; private set; }

    /// <summary>Messages delivered so far.</summary>
    public long MessageCount { get; private set; }

    /// <summary>Advances to the next message.</summary>
    public ReadStatus MoveNext()
    {
        if (Error is not null)
        {
            return ReadStatus.Error;
        }

        var termLength = _descriptor.TermLength;
        while (_position < _descriptor.StopPosition)
        {
            var segmentBase = SegmentFiles.BasePosition(_descriptor.StartPosition, _position, termLength, _descriptor.SegmentFileLength);
            if (segmentBase != _loadedBase && !Load(segmentBase))
            {
                return ReadStatus.Error;
            }

            var offset = (int)(_position - segmentBase);
            if (offset + DataHeader.Length > _available)
            {
                return Fail(offset, $"file ends at {_available} bytes inside the frame header (truncated)");
            }

            var frame = _segment.AsSpan(offset);
            var frameLength = BinaryPrimitives.ReadInt32LittleEndian(frame[DataHeader.FrameLengthOffset..]);
            var type = BinaryPrimitives.ReadInt16LittleEndian(frame[DataHeader.TypeOffset..]);
            var termOffset = (int)(_position & _termMask);
            var aligned = DataHeader.Align(frameLength);
            if (frameLength < DataHeader.Length || termOffset + aligned > termLength ||
                (type == DataHeader.TypeData && frameLength > _descriptor.Mtu) || !HeaderMatches(frame, termOffset, type))
            {
                return Fail(offset, $"corrupt frame header (length {frameLength}, type {type})");
            }

            if (offset + frameLength > _available)
            {
                return Fail(offset, $"file ends at {_available} bytes inside a {frameLength}-byte frame (truncated)");
            }

            _position += aligned;
            if (type == DataHeader.TypePad)
            {
                continue;
            }

            if (Deliver(frame, frameLength, offset))
            {
                return ReadStatus.Message;
            }
        }

        return ReadStatus.End;
    }

    private bool HeaderMatches(ReadOnlySpan<byte> frame, int termOffset, short type)
    {
        var expectedTermId = unchecked(_descriptor.InitialTermId + (int)(_position >> _positionBitsToShift));
        return type is DataHeader.TypeData or DataHeader.TypePad &&
            BinaryPrimitives.ReadInt32LittleEndian(frame[DataHeader.TermOffsetOffset..]) == termOffset &&
            BinaryPrimitives.ReadInt32LittleEndian(frame[DataHeader.TermIdOffset..]) == expectedTermId &&
            BinaryPrimitives.ReadInt32LittleEndian(frame[DataHeader.SessionIdOffset..]) == _descriptor.SessionId &&
            BinaryPrimitives.ReadInt32LittleEndian(frame[DataHeader.StreamIdOffset..]) == _descriptor.StreamId;
    }

    /// <summary>Completes a message from this fragment when it can; true when one is ready.</summary>
    private bool Deliver(ReadOnlySpan<byte> frame, int frameLength, int offset)
    {
        var flags = frame[DataHeader.FlagsOffset];
        var payloadLength = frameLength - DataHeader.Length;
        var reserved = BinaryPrimitives.ReadInt64LittleEndian(frame[DataHeader.ReservedValueOffset..]);
        if ((flags & DataHeader.UnfragmentedFlags) == DataHeader.UnfragmentedFlags)
        {
            SetMessage(_segment, offset + DataHeader.Length, payloadLength, reserved);
            return true;
        }

        if ((flags & DataHeader.BeginFlag) != 0)
        {
            _assembled = 0;
            _assemblyReservedValue = reserved;
        }

        if (_assembled + payloadLength <= _assembly.Length)
        {
            frame.Slice(DataHeader.Length, payloadLength).CopyTo(_assembly.AsSpan(_assembled));
            _assembled += payloadLength;
        }

        if ((flags & DataHeader.EndFlag) == 0)
        {
            return false;
        }

        SetMessage(_assembly, 0, _assembled, _assemblyReservedValue);
        return true;
    }

    private void SetMessage(byte[] array, int offset, int length, long reserved)
    {
        _messageArray = array;
        _messageOffset = offset;
        _messageLength = length;
        ReservedValue = reserved;
        MessagePosition = _position;
        MessageCount++;
        while (_timeCursor < _timePositions.Length - 1 && _timePositions[_timeCursor] < _position)
        {
            _timeCursor++;
        }

        TimestampNanos = _times.Length == 0 ? 0 : _times[_timeCursor];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Load(long segmentBase)
    {
        var needed = (int)Math.Min(_descriptor.SegmentFileLength, _descriptor.StopPosition - segmentBase);
        _loadedBase = segmentBase;
        _available = 0;
        var plain = Path.Combine(_directory, SegmentFiles.Name(_descriptor.RecordingId, segmentBase));
        var compressed = plain + ".gz";
        try
        {
            if (File.Exists(plain))
            {
                _segmentPath = plain;
                using var file = File.OpenHandle(plain, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                _available = ReadFully(file, needed);
            }
            else if (File.Exists(compressed))
            {
                _segmentPath = compressed;
                _available = Inflate(compressed, needed);
            }
            else
            {
                _segmentPath = plain;
                Error = $"{plain}: segment file missing (needed for position {segmentBase}); replay stopped at position {_position}";
                return false;
            }
        }
        catch (IOException e)
        {
            Error = $"{_segmentPath}: cannot read at offset 0: {e.Message}; replay stopped at position {_position}";
            return false;
        }

        return true;
    }

    private int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle file, int needed)
    {
        var total = 0;
        while (total < needed)
        {
            var read = RandomAccess.Read(file, _segment.AsSpan(total, needed - total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private int Inflate(string path, int needed)
    {
        var total = 0;
        try
        {
            using var input = new GZipInputStream(File.OpenRead(path));
            while (total < needed)
            {
                // Small reads so that the bytes inflated before a damaged spot are kept when the next read throws.
                var read = input.Read(_segment, total, Math.Min(InflateChunk, needed - total));
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (ICSharpCode.SharpZipLib.SharpZipBaseException)
        {
            // A damaged or cut-off gzip stream: what inflated before the damage is still checked frame by frame.
        }
        catch (EndOfStreamException)
        {
        }

        return total;
    }

    private ReadStatus Fail(int offset, string reason)
    {
        Error = $"{_segmentPath}: {reason} at offset {offset} (position {_position}); replay stopped after {MessageCount} messages at position {_position}";
        return ReadStatus.Error;
    }

    private static (long[] Positions, long[] Times) LoadTimes(string path)
    {
        if (!File.Exists(path))
        {
            return ([], []);
        }

        var bytes = File.ReadAllBytes(path);
        var count = bytes.Length / EntryLength;
        var positions = new long[count];
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.AsSpan(i * EntryLength, EntryLength);
            positions[i] = BinaryPrimitives.ReadInt64LittleEndian(entry[EndPositionOffset..]);
            times[i] = BinaryPrimitives.ReadInt64LittleEndian(entry[TimeOffset..]);
        }

        return (positions, times);
    }
}
