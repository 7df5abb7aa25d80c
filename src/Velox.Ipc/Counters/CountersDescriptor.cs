namespace Velox.Ipc.Counters;

/// <summary>
/// Layout of the counters file: a 4096-byte Velox header, then <c>capacity</c> metadata records of
/// 512 bytes, then <c>capacity</c> value records of 128 bytes (Aeron §7 record layouts).
/// </summary>
public static class CountersDescriptor
{
    /// <summary>"VLXCNTRS" little-endian; release-stored last when the file is created.</summary>
    public const long Magic = 0x5352_544E_4358_4C56;

    public const int LayoutVersion = 1;

    public const int HeaderLength = 4096;

    public const int MagicOffset = 0;

    public const int LayoutVersionOffset = 8;

    public const int CapacityOffset = 12;

    /// <summary>i64 fetch-add source of every registration, correlation and client id (own cache line).</summary>
    public const int CorrelationCounterOffset = 128;

    public const int ValueRecordLength = 128;

    public const int ValueOffset = 0;

    public const int RegistrationIdOffset = 8;

    public const int OwnerIdOffset = 16;

    public const int ReferenceIdOffset = 24;

    public const int MetadataRecordLength = 512;

    /// <summary>i32: <see cref="RecordUnused"/>, <see cref="RecordAllocated"/>, <see cref="RecordReclaimed"/> or the transient <see cref="RecordBusy"/>.</summary>
    public const int StateOffset = 0;

    public const int TypeIdOffset = 4;

    public const int FreeForReuseDeadlineOffset = 8;

    public const int KeyOffset = 16;

    public const int MaxKeyLength = 112;

    public const int LabelLengthOffset = 128;

    public const int LabelOffset = 132;

    public const int MaxLabelLength = 380;

    public const int RecordUnused = 0;

    public const int RecordAllocated = 1;

    public const int RecordReclaimed = -1;

    /// <summary>Velox addition: a record claimed by CAS whose fields are being written (or wiped). Readers treat it as not allocated.</summary>
    public const int RecordBusy = 2;

    /// <summary>Stream counter key (types 1, 4, 12): log registration id.</summary>
    public const int KeyRegistrationIdOffset = 0;

    public const int KeySessionIdOffset = 8;

    public const int KeyStreamIdOffset = 12;

    public static long ComputeFileLength(int capacity) =>
        HeaderLength + ((long)capacity * (MetadataRecordLength + ValueRecordLength));
}
