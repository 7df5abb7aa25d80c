using System.Buffers.Binary;
using Velox.Core;
using Velox.Core.Hashing;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Trading.Journal;

/// <summary>
/// Reads a journal front to back and stops at the first record that is torn (file ends inside it) or
/// corrupt (bad magic, CRC, or a sequence gap); <see cref="Error"/> then says where and why. Cold path.
/// </summary>
public sealed class JournalReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _record = new byte[JournalLayout.RecordLength];
    private bool _stopped;
    private JournalReadStatus _stopStatus = JournalReadStatus.End;

    /// <summary>Opens a reader and validates the header; check <see cref="HeaderStatus"/>.</summary>
    public JournalReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Span<byte> header = stackalloc byte[JournalLayout.HeaderLength];
        var read = ReadFully(header);
        if (read < JournalLayout.HeaderLength)
        {
            Stop($"journal header is {read} bytes, expected {JournalLayout.HeaderLength}");
            return;
        }

        var magic = BinaryPrimitives.ReadInt64LittleEndian(header[JournalLayout.FileMagicOffset..]);
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[JournalLayout.FileVersionOffset..]);
        var recordLength = BinaryPrimitives.ReadInt32LittleEndian(header[JournalLayout.FileRecordLengthOffset..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[JournalLayout.FileCrcOffset..]);
        if (magic != JournalLayout.FileMagic)
        {
            Stop($"not a Velox journal (magic 0x{magic:X16})");
        }
        else if (crc != Crc32.Compute(header[..JournalLayout.FileCrcOffset]))
        {
            Stop("journal header CRC mismatch");
        }
        else if (version != JournalLayout.FileVersion || recordLength != JournalLayout.RecordLength)
        {
            Stop($"unsupported journal version {version} with record length {recordLength}");
        }
        else
        {
            CreatedEpochNanos = BinaryPrimitives.ReadInt64LittleEndian(header[JournalLayout.FileCreatedOffset..]);
            HeaderStatus = JournalReadStatus.Record;
        }
    }

    /// <summary><see cref="JournalReadStatus.Record"/> when the header is valid, else <see cref="JournalReadStatus.BadHeader"/>.</summary>
    public JournalReadStatus HeaderStatus { get; } = JournalReadStatus.BadHeader;

    /// <summary>Wall-clock creation time from the header.</summary>
    public long CreatedEpochNanos { get; }

    /// <summary>Valid records read so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>Why reading stopped early (null while all is well or at a clean end).</summary>
    public string? Error { get; private set; }

    /// <summary>Opens a journal file for reading.</summary>
    public static JournalReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));

    /// <summary>Reads the next record; anything but <see cref="JournalReadStatus.Record"/> ends the reading.</summary>
    public JournalReadStatus TryRead(out JournalEntry entry)
    {
        entry = default;
        if (HeaderStatus != JournalReadStatus.Record)
        {
            return JournalReadStatus.BadHeader;
        }

        if (_stopped)
        {
            return _stopStatus;
        }

        var index = RecordsRead;
        var offset = JournalLayout.HeaderLength + (index * JournalLayout.RecordLength);
        var read = ReadFully(_record);
        if (read == 0)
        {
            _stopped = true;
            return JournalReadStatus.End;
        }

        if (read < JournalLayout.RecordLength)
        {
            Stop($"torn record #{index + 1} at offset {offset}: {read} of {JournalLayout.RecordLength} bytes; {index} valid records before it", JournalReadStatus.TornRecord);
            return JournalReadStatus.TornRecord;
        }

        var span = _record.AsSpan();
        var magic = BinaryPrimitives.ReadInt32LittleEndian(span[JournalLayout.RecordMagicOffset..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(span[JournalLayout.CrcOffset..]);
        if (magic != JournalLayout.RecordMagic || crc != Crc32.Compute(span[..JournalLayout.CrcOffset]))
        {
            Stop($"corrupt record #{index + 1} at offset {offset}: {(magic != JournalLayout.RecordMagic ? "bad magic" : "CRC mismatch")}; {index} valid records before it", JournalReadStatus.CorruptRecord);
            return JournalReadStatus.CorruptRecord;
        }

        entry = Decode(span);
        if (entry.Sequence != index + 1)
        {
            Stop($"corrupt record #{index + 1} at offset {offset}: sequence {entry.Sequence}, expected {index + 1}", JournalReadStatus.CorruptRecord);
            entry = default;
            return JournalReadStatus.CorruptRecord;
        }

        RecordsRead++;
        return JournalReadStatus.Record;
    }

    /// <summary>Decodes one record's fields (no validation).</summary>
    public static JournalEntry Decode(ReadOnlySpan<byte> record) => new()
    {
        Type = (JournalRecordType)BinaryPrimitives.ReadUInt16LittleEndian(record[JournalLayout.TypeOffset..]),
        Code = BinaryPrimitives.ReadUInt16LittleEndian(record[JournalLayout.CodeOffset..]),
        Sequence = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.SequenceOffset..]),
        MonotonicNanos = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.MonotonicNanosOffset..]),
        WallNanos = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.WallNanosOffset..]),
        ClientOrderId = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.ClientOrderIdOffset..]),
        VenueOrderId = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.VenueOrderIdOffset..]),
        FillId = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.FillIdOffset..]),
        Price = new Price(BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.PriceOffset..])),
        Quantity = new Quantity(BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.QuantityOffset..])),
        Fee = BinaryPrimitives.ReadInt64LittleEndian(record[JournalLayout.FeeOffset..]),
        Instrument = new InstrumentId(BinaryPrimitives.ReadUInt16LittleEndian(record[JournalLayout.InstrumentOffset..])),
        Side = (Side)record[JournalLayout.SideOffset],
        OrderType = (OrderType)record[JournalLayout.OrderTypeOffset],
        TimeInForce = (TimeInForce)record[JournalLayout.TimeInForceOffset],
        Flags = (OrderFlags)record[JournalLayout.FlagsOffset],
        Liquidity = (Liquidity)record[JournalLayout.LiquidityOffset],
        ExecType = (ExecType)record[JournalLayout.ExecTypeOffset],
    };

    public void Dispose() => _stream.Dispose();

    private void Stop(string error, JournalReadStatus status = JournalReadStatus.BadHeader)
    {
        _stopped = true;
        _stopStatus = status;
        Error = error;
    }

    private int ReadFully(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = _stream.Read(destination[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
