using System.Runtime.CompilerServices;
using Velox.Ipc.Platform;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.LogBuffers;

/// <summary>
/// A mapped log buffer file: pointers to the three terms and the metadata, plus the immutable
/// parameters read once from the metadata. Publications and images work over this and counter pointers.
/// </summary>
public sealed unsafe class MappedLog : IDisposable
{
    private readonly MappedRegion _region;

    private MappedLog(MappedRegion region, string path)
    {
        _region = region;
        Path = path;
        Buffer = region.Pointer;
        Metadata = region.Pointer + region.Length - MetadataLength;
        TermLength = *(int*)(Metadata + TermLengthOffset);
        PositionBitsToShift = LogBufferDescriptor.PositionBitsToShift(TermLength);
        InitialTermId = *(int*)(Metadata + InitialTermIdOffset);
        Mtu = *(int*)(Metadata + MtuLengthOffset);
        TermWindowLength = *(int*)(Metadata + PublicationWindowLengthOffset);
        CorrelationId = *(long*)(Metadata + CorrelationIdOffset);
        SessionId = *(int*)(Metadata + VeloxLogHeader.SessionIdOffset);
        StreamId = *(int*)(Metadata + VeloxLogHeader.StreamIdOffset);
        PublicationKind = *(int*)(Metadata + VeloxLogHeader.PublicationKindOffset);
    }

    /// <summary>The file path (the final name once a freshly created log has been moved into place).</summary>
    public string Path { get; internal set; }

    /// <summary>Start of term 0.</summary>
    public byte* Buffer { get; }

    /// <summary>Start of the 4096-byte metadata section.</summary>
    public byte* Metadata { get; }

    public int TermLength { get; }

    public int PositionBitsToShift { get; }

    public int InitialTermId { get; }

    public int Mtu { get; }

    public int TermWindowLength { get; }

    public long CorrelationId { get; }

    public int SessionId { get; }

    public int StreamId { get; }

    public int PublicationKind { get; }

    public long FileLength => _region.Length;

    /// <summary>Start of a term partition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Term(int index) => Buffer + ((long)index * TermLength);

    /// <summary>The raw tail counter of a partition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long* TailCounter(int index) => (long*)(Metadata + TermTailCountersOffset + (index * sizeof(long)));

    public int* ActiveTermCount => (int*)(Metadata + ActiveTermCountOffset);

    public long* EndOfStreamPosition => (long*)(Metadata + EndOfStreamPositionOffset);

    public int* IsConnected => (int*)(Metadata + IsConnectedOffset);

    /// <summary>A field in the Velox region of the metadata (see <see cref="VeloxLogHeader"/>).</summary>
    public byte* VeloxField(int offset) => Metadata + offset;

    /// <summary>Producer position from the active partition's tail (acquire loads: the tail may be moving).</summary>
    public long ProducerPosition()
    {
        var termCount = Volatile.Read(ref *ActiveTermCount);
        var rawTail = Volatile.Read(ref *TailCounter(IndexByTermCount(termCount)));
        return ComputePosition(TermId(rawTail), TermOffset(rawTail, TermLength), PositionBitsToShift, InitialTermId);
    }

    /// <summary>
    /// Creates and initialises a new log file (fails if the path exists). The magic is release-stored
    /// last, so a reader that sees it sees a complete header.
    /// </summary>
    public static MappedLog Create(string path, in LogParameters p)
    {
        var region = MappedRegion.Create(path, ComputeLogLength(p.TermLength));
        var m = region.Pointer + region.Length - MetadataLength;
        *(long*)(m + TermTailCountersOffset) = PackTail(p.InitialTermId, 0);
        for (var i = 1; i < PartitionCount; i++)
        {
            // Primed "three terms ago" so rotation can recognise a partition that is due for reuse.
            *(long*)(m + TermTailCountersOffset + (i * sizeof(long))) = PackTail(unchecked(p.InitialTermId + i - PartitionCount), 0);
        }

        *(int*)(m + ActiveTermCountOffset) = 0;
        *(long*)(m + EndOfStreamPositionOffset) = long.MaxValue;
        *(int*)(m + IsConnectedOffset) = 0;
        *(long*)(m + CorrelationIdOffset) = p.CorrelationId;
        *(int*)(m + InitialTermIdOffset) = p.InitialTermId;
        *(int*)(m + DefaultFrameHeaderLengthOffset) = DataHeader.Length;
        *(int*)(m + MtuLengthOffset) = p.Mtu;
        *(int*)(m + TermLengthOffset) = p.TermLength;
        *(int*)(m + PageSizeOffset) = PageSize;
        *(int*)(m + PublicationWindowLengthOffset) = p.TermWindowLength;

        var h = m + DefaultFrameHeaderOffset;
        *(h + DataHeader.VersionOffset) = DataHeader.CurrentVersion;
        *(h + DataHeader.FlagsOffset) = DataHeader.UnfragmentedFlags;
        *(short*)(h + DataHeader.TypeOffset) = DataHeader.TypeData;
        *(int*)(h + DataHeader.SessionIdOffset) = p.SessionId;
        *(int*)(h + DataHeader.StreamIdOffset) = p.StreamId;
        *(int*)(h + DataHeader.TermIdOffset) = p.InitialTermId;

        *(int*)(m + VeloxLogHeader.LayoutVersionOffset) = VeloxLogHeader.LayoutVersion;
        *(int*)(m + VeloxLogHeader.PublicationKindOffset) = p.PublicationKind;
        *(long*)(m + VeloxLogHeader.OwnerRegistrationIdOffset) = p.OwnerRegistrationId;
        *(int*)(m + VeloxLogHeader.OwnerPidOffset) = Environment.ProcessId;
        *(long*)(m + VeloxLogHeader.OwnerStartTimeOffset) = ProcessLiveness.CurrentStartTime;
        *(int*)(m + VeloxLogHeader.PublicationCountOffset) = 1;
        *(int*)(m + VeloxLogHeader.PublisherLimitCounterIdOffset) = p.PublisherLimitCounterId;
        *(int*)(m + VeloxLogHeader.PublisherPositionCounterIdOffset) = p.PublisherPositionCounterId;
        *(int*)(m + VeloxLogHeader.SessionIdOffset) = p.SessionId;
        *(int*)(m + VeloxLogHeader.StreamIdOffset) = p.StreamId;
        *(long*)(m + VeloxLogHeader.HeartbeatOffset) = p.NowMillis;
        Volatile.Write(ref *(long*)(m + VeloxLogHeader.MagicOffset), VeloxLogHeader.Magic);
        return new MappedLog(region, path);
    }

    /// <summary>Maps and validates an existing log; a clear <see cref="InvalidDataException"/> naming the file otherwise.</summary>
    public static MappedLog Open(string path)
    {
        var region = MappedRegion.Open(path) ?? throw new InvalidDataException($"{path}: not a Velox log buffer (empty file)");
        try
        {
            Validate(path, region);
            return new MappedLog(region, path);
        }
        catch
        {
            region.Dispose();
            throw;
        }
    }

    public void Dispose() => _region.Dispose();

    private static void Validate(string path, MappedRegion region)
    {
        var minimum = ComputeLogLength(MinTermLength);
        if (region.Length < minimum)
        {
            throw new InvalidDataException($"{path}: not a Velox log buffer (length {region.Length} < minimum {minimum})");
        }

        var m = region.Pointer + region.Length - MetadataLength;
        var magic = Volatile.Read(ref *(long*)(m + VeloxLogHeader.MagicOffset));
        if (magic != VeloxLogHeader.Magic)
        {
            throw new InvalidDataException($"{path}: not a Velox log buffer (bad magic 0x{magic:X16})");
        }

        var version = *(int*)(m + VeloxLogHeader.LayoutVersionOffset);
        if (version != VeloxLogHeader.LayoutVersion)
        {
            throw new InvalidDataException($"{path}: unsupported log layout version {version} (expected {VeloxLogHeader.LayoutVersion})");
        }

        var termLength = *(int*)(m + TermLengthOffset);
        if (!IsValidTermLength(termLength) || ComputeLogLength(termLength) != region.Length)
        {
            throw new InvalidDataException($"{path}: inconsistent log (term length {termLength}, file length {region.Length})");
        }
    }
}
