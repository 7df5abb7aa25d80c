using System.Buffers.Binary;
using Velox.Core.Hashing;
using static Velox.Archive.Catalog.CatalogLayout;

namespace Velox.Archive.Catalog;

/// <summary>One catalog record: what was recorded, where it starts and stops, and how its segments are laid out.</summary>
public readonly record struct RecordingDescriptor(
    long RecordingId,
    RecordingState State,
    int StreamId,
    int SessionId,
    int InitialTermId,
    int TermLength,
    int Mtu,
    int SegmentFileLength,
    long StartPosition,
    long StopPosition,
    long StartTimeNanos,
    long StopTimeNanos,
    bool Compressed)
{
    /// <summary>Writes the record (magic and CRC included) into <paramref name="record"/> (≥ 128 bytes).</summary>
    public void WriteTo(Span<byte> record)
    {
        record = record[..RecordLength];
        record.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(record[RecordMagicOffset..], RecordMagic);
        BinaryPrimitives.WriteInt32LittleEndian(record[StateOffset..], (int)State);
        BinaryPrimitives.WriteInt64LittleEndian(record[RecordingIdOffset..], RecordingId);
        BinaryPrimitives.WriteInt64LittleEndian(record[StartPositionOffset..], StartPosition);
        BinaryPrimitives.WriteInt64LittleEndian(record[StopPositionOffset..], StopPosition);
        BinaryPrimitives.WriteInt64LittleEndian(record[StartTimeOffset..], StartTimeNanos);
        BinaryPrimitives.WriteInt64LittleEndian(record[StopTimeOffset..], StopTimeNanos);
        BinaryPrimitives.WriteInt32LittleEndian(record[StreamIdOffset..], StreamId);
        BinaryPrimitives.WriteInt32LittleEndian(record[SessionIdOffset..], SessionId);
        BinaryPrimitives.WriteInt32LittleEndian(record[InitialTermIdOffset..], InitialTermId);
        BinaryPrimitives.WriteInt32LittleEndian(record[TermLengthOffset..], TermLength);
        BinaryPrimitives.WriteInt32LittleEndian(record[MtuOffset..], Mtu);
        BinaryPrimitives.WriteInt32LittleEndian(record[SegmentFileLengthOffset..], SegmentFileLength);
        BinaryPrimitives.WriteInt32LittleEndian(record[FlagsOffset..], Compressed ? FlagCompressed : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], Crc32.Compute(record[..CrcOffset]));
    }

    /// <summary>Reads and checks a record; false with the reason when its magic, CRC or fields are wrong.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, long expectedId, out RecordingDescriptor descriptor, out string reason)
    {
        descriptor = default;
        if (record.Length < RecordLength)
        {
            reason = $"record truncated ({record.Length} of {RecordLength} bytes)";
            return false;
        }

        var magic = BinaryPrimitives.ReadInt32LittleEndian(record[RecordMagicOffset..]);
        if (magic != RecordMagic)
        {
            reason = $"bad record magic 0x{magic:X8}";
            return false;
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(record[CrcOffset..]);
        var actual = Crc32.Compute(record[..CrcOffset]);
        if (crc != actual)
        {
            reason = $"CRC mismatch (stored 0x{crc:X8}, computed 0x{actual:X8})";
            return false;
        }

        descriptor = new RecordingDescriptor(
            BinaryPrimitives.ReadInt64LittleEndian(record[RecordingIdOffset..]),
            (RecordingState)BinaryPrimitives.ReadInt32LittleEndian(record[StateOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[StreamIdOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[SessionIdOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[InitialTermIdOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[TermLengthOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[MtuOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(record[SegmentFileLengthOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[StartPositionOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[StopPositionOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[StartTimeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[StopTimeOffset..]),
            (BinaryPrimitives.ReadInt32LittleEndian(record[FlagsOffset..]) & FlagCompressed) != 0);
        reason = descriptor.Check(expectedId) ?? string.Empty;
        return reason.Length == 0;
    }

    private string? Check(long expectedId)
    {
        if (RecordingId != expectedId)
        {
            return $"recording id {RecordingId} does not match its slot {expectedId}";
        }

        if (State is not (RecordingState.Recording or RecordingState.Stopped))
        {
            return $"unknown state {(int)State}";
        }

        var termOk = TermLength > 0 && (TermLength & (TermLength - 1)) == 0;
        if (!termOk || SegmentFileLength < TermLength || SegmentFileLength % TermLength != 0)
        {
            return $"inconsistent term length {TermLength} / segment length {SegmentFileLength}";
        }

        return StartPosition < 0 || StopPosition < StartPosition ? $"stop position {StopPosition} before start {StartPosition}" : null;
    }
}
