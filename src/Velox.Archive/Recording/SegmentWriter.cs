using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using Velox.Archive.Segments;

namespace Velox.Archive.Recording;

/// <summary>
/// Writes recorded blocks at their stream position into fixed-length segment files (allocated in full when
/// opened) and notes each block's time in the timestamp index. A block never spans two segments because
/// blocks come from one term and segments hold whole terms.
/// </summary>
internal sealed class SegmentWriter : IDisposable
{
    private readonly string _directory;
    private readonly long _recordingId;
    private readonly long _startPosition;
    private readonly int _termLength;
    private readonly int _segmentLength;
    private readonly SegmentCompressor? _compressor;
    private readonly TimestampIndexWriter _times;
    private SafeFileHandle? _segment;
    private string? _segmentPath;
    private long _segmentBase;

    public SegmentWriter(string directory, long recordingId, long startPosition, int termLength, int segmentLength, SegmentCompressor? compressor)
    {
        _directory = directory;
        _recordingId = recordingId;
        _startPosition = startPosition;
        _termLength = termLength;
        _segmentLength = segmentLength;
        _compressor = compressor;
        _times = new TimestampIndexWriter(Path.Combine(directory, SegmentFiles.TimesName(recordingId)));
    }

    /// <summary>Segment files opened so far.</summary>
    public int SegmentCount { get; private set; }

    public void Write(ReadOnlySpan<byte> block, long position)
    {
        if (_segment is null || position - _segmentBase >= _segmentLength)
        {
            Roll(position);
        }

        RandomAccess.Write(_segment!, block, position - _segmentBase);
        _times.Append(position + block.Length, EpochTime.NowNanos());
    }

    /// <summary>Makes the timestamp index cover everything written (before the catalog's stop position moves).</summary>
    public void Flush() => _times.Flush();

    public void Dispose()
    {
        CloseSegment();
        _times.Dispose();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Roll(long position)
    {
        CloseSegment();
        _segmentBase = SegmentFiles.BasePosition(_startPosition, position, _termLength, _segmentLength);
        _segmentPath = Path.Combine(_directory, SegmentFiles.Name(_recordingId, _segmentBase));
        _segment = File.OpenHandle(
            _segmentPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, FileOptions.None, _segmentLength);
        RandomAccess.SetLength(_segment, _segmentLength);
        SegmentCount++;
    }

    private void CloseSegment()
    {
        if (_segment is null)
        {
            return;
        }

        _segment.Dispose();
        _segment = null;
        if (_compressor is not null)
        {
            _compressor.Enqueue(_segmentPath!);
        }
    }
}
