using System.Text;
using Velox.Ipc.Platform;
using static Velox.Ipc.Counters.CountersDescriptor;

namespace Velox.Ipc.Counters;

/// <summary>
/// The shared counters file of an IPC directory. Allocation is lock-free across processes: a free
/// record is claimed by CAS on its state (0 or expired −1 → busy), its fields are written, then
/// state = allocated is release-stored. A CAS was chosen over a file lock so that a process killed
/// mid-allocation can at worst leak one record, never block others behind a held lock.
/// </summary>
public sealed unsafe class CountersFile : IDisposable
{
    /// <summary>Records stay unusable this long after being freed, so a late writer cannot hit a new owner's value.</summary>
    public const long ReuseDelayMillis = 5000;

    private readonly MappedRegion _region;
    private readonly byte* _metadata;
    private readonly byte* _values;

    private CountersFile(MappedRegion region, string path)
    {
        _region = region;
        Path = path;
        Capacity = *(int*)(region.Pointer + CapacityOffset);
        _metadata = region.Pointer + HeaderLength;
        _values = _metadata + ((long)Capacity * MetadataRecordLength);
    }

    public string Path { get; }

    /// <summary>Number of counter records.</summary>
    public int Capacity { get; }

    /// <summary>Opens the counters file at the path, creating it (atomically, via rename) when absent.</summary>
    public static CountersFile OpenOrCreate(string path, int capacity)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                return Open(path);
            }

            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var region = MappedRegion.Create(temp, ComputeFileLength(capacity));
            *(int*)(region.Pointer + LayoutVersionOffset) = LayoutVersion;
            *(int*)(region.Pointer + CapacityOffset) = capacity;
            *(long*)(region.Pointer + CorrelationCounterOffset) = 1;
            Volatile.Write(ref *(long*)(region.Pointer + MagicOffset), Magic);
            try
            {
                // link+unlink under the hood: fails if another process created the file first.
                File.Move(temp, path, overwrite: false);
                return new CountersFile(region, path);
            }
            catch (IOException) when (attempt < 3)
            {
                region.Dispose();
                File.Delete(temp);
            }
        }
    }

    /// <summary>Maps an existing counters file; <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static CountersFile Open(string path)
    {
        var region = MappedRegion.Open(path) ?? throw new InvalidDataException($"{path}: not a Velox counters file (empty file)");
        try
        {
            if (region.Length < HeaderLength)
            {
                throw new InvalidDataException($"{path}: not a Velox counters file (length {region.Length})");
            }

            var magic = Volatile.Read(ref *(long*)(region.Pointer + MagicOffset));
            if (magic != Magic)
            {
                throw new InvalidDataException($"{path}: not a Velox counters file (bad magic 0x{magic:X16})");
            }

            var version = *(int*)(region.Pointer + LayoutVersionOffset);
            if (version != LayoutVersion)
            {
                throw new InvalidDataException($"{path}: unsupported counters layout version {version}");
            }

            var capacity = *(int*)(region.Pointer + CapacityOffset);
            if (capacity <= 0 || ComputeFileLength(capacity) != region.Length)
            {
                throw new InvalidDataException($"{path}: inconsistent counters file (capacity {capacity}, length {region.Length})");
            }

            return new CountersFile(region, path);
        }
        catch
        {
            region.Dispose();
            throw;
        }
    }

    /// <summary>Next unique id for registrations and clients across all processes (fetch-add in the mapping).</summary>
    public long NextCorrelationId() => Interlocked.Increment(ref *(long*)(_region.Pointer + CorrelationCounterOffset));

    /// <summary>Pointer to a counter's i64 value (the field processes publish positions/limits/heartbeats in).</summary>
    public long* ValuePointer(int counterId) => (long*)(_values + ((long)counterId * ValueRecordLength) + ValueOffset);

    /// <summary>State of a record, acquire-loaded: the allocator release-stores it after the fields.</summary>
    public int State(int counterId) => Volatile.Read(ref *(int*)MetadataRecord(counterId));

    public int TypeId(int counterId) => *(int*)(MetadataRecord(counterId) + TypeIdOffset);

    public long RegistrationId(int counterId) => *(long*)(ValueRecord(counterId) + RegistrationIdOffset);

    public long OwnerId(int counterId) => *(long*)(ValueRecord(counterId) + OwnerIdOffset);

    public long ReferenceId(int counterId) => *(long*)(ValueRecord(counterId) + ReferenceIdOffset);

    /// <summary>i64 at an offset of the counter's key.</summary>
    public long KeyInt64(int counterId, int keyOffset) => *(long*)(MetadataRecord(counterId) + KeyOffset + keyOffset);

    public string Label(int counterId)
    {
        var record = MetadataRecord(counterId);
        var length = Math.Clamp(*(int*)(record + LabelLengthOffset), 0, MaxLabelLength);
        return Encoding.ASCII.GetString(new ReadOnlySpan<byte>(record + LabelOffset, length));
    }

    /// <summary>True when the record is allocated and still belongs to the registration.</summary>
    public bool IsAllocatedTo(int counterId, long registrationId) =>
        State(counterId) == RecordAllocated && RegistrationId(counterId) == registrationId;

    /// <summary>
    /// Allocates a counter; returns its id, or −1 when the file is full. Fields are written first and the
    /// allocated state is release-stored last so a scanning process never sees a half-written record.
    /// </summary>
    public int Allocate(
        int typeId, ReadOnlySpan<byte> key, string label, long registrationId, long ownerId, long referenceId, long initialValue, long nowMillis)
    {
        for (var id = 0; id < Capacity; id++)
        {
            var record = MetadataRecord(id);
            var state = Volatile.Read(ref *(int*)record);
            var free = state == RecordUnused || (state == RecordReclaimed && nowMillis >= *(long*)(record + FreeForReuseDeadlineOffset));
            if (!free || Interlocked.CompareExchange(ref *(int*)record, RecordBusy, state) != state)
            {
                continue;
            }

            var value = ValueRecord(id);
            *(long*)(value + ValueOffset) = initialValue;
            *(long*)(value + RegistrationIdOffset) = registrationId;
            *(long*)(value + OwnerIdOffset) = ownerId;
            *(long*)(value + ReferenceIdOffset) = referenceId;
            *(int*)(record + TypeIdOffset) = typeId;
            *(long*)(record + FreeForReuseDeadlineOffset) = long.MaxValue;
            var keySpan = new Span<byte>(record + KeyOffset, MaxKeyLength);
            keySpan.Clear();
            key[..Math.Min(key.Length, MaxKeyLength)].CopyTo(keySpan);
            var labelSpan = new Span<byte>(record + LabelOffset, MaxLabelLength);
            var written = Encoding.ASCII.GetBytes(label.AsSpan(0, Math.Min(label.Length, MaxLabelLength)), labelSpan);
            *(int*)(record + LabelLengthOffset) = written;
            Volatile.Write(ref *(int*)record, RecordAllocated);
            return id;
        }

        return -1;
    }

    /// <summary>
    /// Frees a counter if it is still allocated to the registration (so a stale id never frees a reused
    /// record). Safe against a concurrent free of the same record by another process.
    /// </summary>
    public bool Free(int counterId, long registrationId, long nowMillis)
    {
        if (counterId < 0 || counterId >= Capacity || RegistrationId(counterId) != registrationId)
        {
            return false;
        }

        var record = MetadataRecord(counterId);
        if (Interlocked.CompareExchange(ref *(int*)record, RecordBusy, RecordAllocated) != RecordAllocated)
        {
            return false;
        }

        if (RegistrationId(counterId) != registrationId)
        {
            Volatile.Write(ref *(int*)record, RecordAllocated);
            return false;
        }

        *(long*)(record + FreeForReuseDeadlineOffset) = nowMillis + ReuseDelayMillis;
        new Span<byte>(record + KeyOffset, MaxKeyLength).Clear();
        Volatile.Write(ref *(int*)record, RecordReclaimed);
        return true;
    }

    public void Dispose() => _region.Dispose();

    private byte* MetadataRecord(int counterId) => _metadata + ((long)counterId * MetadataRecordLength);

    private byte* ValueRecord(int counterId) => _values + ((long)counterId * ValueRecordLength);
}
