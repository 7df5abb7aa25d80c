using System.Buffers.Binary;
using Velox.Core.Hashing;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;

namespace Velox.Trading.Journal;

/// <summary>
/// Appends records to the audit journal through a preallocated buffer; nothing reaches the stream until
/// the owner (engine or a housekeeping agent) calls <see cref="Flush"/>. An append into a full buffer is
/// refused (false) so the hot path never does I/O by surprise; the caller flushes and appends again.
/// Stamps each record with a sequence number, the injected monotonic clock and the wall clock.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private readonly IClock _clock;
    private readonly IWallClock _wall;
    private int _used;
    private long _sequence;

    /// <summary>Writes the header to <paramref name="stream"/> (positioned at its start) and buffers up to <paramref name="bufferRecords"/> records.</summary>
    public JournalWriter(Stream stream, int bufferRecords, IClock clock, IWallClock wall)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferRecords, 1);
        _stream = stream;
        _clock = clock;
        _wall = wall;
        _buffer = new byte[bufferRecords * JournalLayout.RecordLength];
        Span<byte> header = stackalloc byte[JournalLayout.HeaderLength];
        header.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(header[JournalLayout.FileMagicOffset..], JournalLayout.FileMagic);
        BinaryPrimitives.WriteInt32LittleEndian(header[JournalLayout.FileVersionOffset..], JournalLayout.FileVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[JournalLayout.FileRecordLengthOffset..], JournalLayout.RecordLength);
        BinaryPrimitives.WriteInt64LittleEndian(header[JournalLayout.FileCreatedOffset..], wall.EpochNanos());
        BinaryPrimitives.WriteUInt32LittleEndian(header[JournalLayout.FileCrcOffset..], Crc32.Compute(header[..JournalLayout.FileCrcOffset]));
        _stream.Write(header);
    }

    /// <summary>Records appended so far (the last sequence number).</summary>
    public long Appended => _sequence;

    /// <summary>Bytes buffered and not yet flushed.</summary>
    public int Pending => _used;

    /// <summary>Creates a new journal file (refuses to overwrite an existing one).</summary>
    public static JournalWriter Create(string path, int bufferRecords, IClock clock, IWallClock wall) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0), bufferRecords, clock, wall);

    /// <summary>Appends a record (type and payload from <paramref name="entry"/>; sequence and stamps are set here). False when the buffer is full.</summary>
    public bool TryAppend(ref JournalEntry entry)
    {
        if (_used + JournalLayout.RecordLength > _buffer.Length)
        {
            return false;
        }

        entry.Sequence = ++_sequence;
        entry.MonotonicNanos = _clock.NowNanos();
        entry.WallNanos = _wall.EpochNanos();
        Encode(entry, _buffer.AsSpan(_used, JournalLayout.RecordLength));
        _used += JournalLayout.RecordLength;
        return true;
    }

    /// <summary>Journals a new order placed in the OMS.</summary>
    public bool TryAppendNewOrder(long clientOrderId, in OrderRequest order)
    {
        var entry = FromOrder(JournalRecordType.NewOrder, order);
        entry.ClientOrderId = clientOrderId;
        return TryAppend(ref entry);
    }

    /// <summary>Journals an order refused by risk.</summary>
    public bool TryAppendRiskReject(in OrderRequest order, RiskRejectReason reason)
    {
        var entry = FromOrder(JournalRecordType.RiskReject, order);
        entry.Code = (ushort)reason;
        return TryAppend(ref entry);
    }

    /// <summary>Journals a cancel or amend command (<paramref name="price"/>/<paramref name="quantity"/> zero for a cancel).</summary>
    public bool TryAppendCommand(JournalRecordType type, long clientOrderId, CommandStatus status, Price price = default, Quantity quantity = default)
    {
        var entry = new JournalEntry { Type = type, ClientOrderId = clientOrderId, Code = (ushort)status, Price = price, Quantity = quantity };
        return TryAppend(ref entry);
    }

    /// <summary>Journals a cancel-all and how many orders it moved to PendingCancel.</summary>
    public bool TryAppendCancelAll(InstrumentId instrument, int cancelled)
    {
        var entry = new JournalEntry { Type = JournalRecordType.CancelAll, Instrument = instrument, Quantity = new Quantity(cancelled) };
        return TryAppend(ref entry);
    }

    /// <summary>Journals the opening position booked by startup reconciliation: signed <paramref name="quantity"/> at cost <paramref name="price"/>.</summary>
    public bool TryAppendOpeningPosition(InstrumentId instrument, Quantity quantity, Price price)
    {
        var entry = new JournalEntry { Type = JournalRecordType.OpeningPosition, Instrument = instrument, Quantity = quantity, Price = price };
        return TryAppend(ref entry);
    }

    /// <summary>Journals an order an earlier run left at the venue that startup cancels.</summary>
    public bool TryAppendEarlierOrderCancelled(InstrumentId instrument, long venueOrderId)
    {
        var entry = new JournalEntry { Type = JournalRecordType.EarlierOrderCancelled, Instrument = instrument, VenueOrderId = venueOrderId };
        return TryAppend(ref entry);
    }

    /// <summary>Journals an execution report and what the OMS made of it.</summary>
    public bool TryAppendReport(in ExecutionReport report, InstrumentId instrument, ReportOutcome outcome)
    {
        var entry = new JournalEntry
        {
            Type = JournalRecordType.Report,
            ExecType = report.Type,
            Code = report.Type is ExecType.Reject or ExecType.CancelReject or ExecType.ReplaceReject ? report.RejectCode : (ushort)outcome,
            ClientOrderId = report.ClientOrderId,
            VenueOrderId = report.VenueOrderId,
            FillId = report.FillId,
            Price = report.Price,
            Quantity = report.Quantity,
            Fee = report.Fee,
            Liquidity = report.Liquidity,
            Instrument = instrument,
        };
        return TryAppend(ref entry);
    }

    /// <summary>Writes buffered records to the stream; <paramref name="toDisk"/> also asks the OS to persist them (fsync).</summary>
    public void Flush(bool toDisk = false)
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }

        if (_stream is FileStream file)
        {
            file.Flush(toDisk);
        }
        else
        {
            _stream.Flush();
        }
    }

    /// <summary>Flushes and closes the stream.</summary>
    public void Dispose()
    {
        Flush(toDisk: true);
        _stream.Dispose();
    }

    /// <summary>Encodes one record into exactly <see cref="JournalLayout.RecordLength"/> bytes, CRC included.</summary>
    public static void Encode(in JournalEntry entry, Span<byte> record)
    {
        record = record[..JournalLayout.RecordLength];
        record.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(record[JournalLayout.RecordMagicOffset..], JournalLayout.RecordMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(record[JournalLayout.TypeOffset..], (ushort)entry.Type);
        BinaryPrimitives.WriteUInt16LittleEndian(record[JournalLayout.CodeOffset..], entry.Code);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.SequenceOffset..], entry.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.MonotonicNanosOffset..], entry.MonotonicNanos);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.WallNanosOffset..], entry.WallNanos);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.ClientOrderIdOffset..], entry.ClientOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.VenueOrderIdOffset..], entry.VenueOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.FillIdOffset..], entry.FillId);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.PriceOffset..], entry.Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.QuantityOffset..], entry.Quantity.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalLayout.FeeOffset..], entry.Fee);
        BinaryPrimitives.WriteUInt16LittleEndian(record[JournalLayout.InstrumentOffset..], entry.Instrument.Value);
        record[JournalLayout.SideOffset] = (byte)entry.Side;
        record[JournalLayout.OrderTypeOffset] = (byte)entry.OrderType;
        record[JournalLayout.TimeInForceOffset] = (byte)entry.TimeInForce;
        record[JournalLayout.FlagsOffset] = (byte)entry.Flags;
        record[JournalLayout.LiquidityOffset] = (byte)entry.Liquidity;
        record[JournalLayout.ExecTypeOffset] = (byte)entry.ExecType;
        BinaryPrimitives.WriteUInt32LittleEndian(record[JournalLayout.CrcOffset..], Crc32.Compute(record[..JournalLayout.CrcOffset]));
    }

    private static JournalEntry FromOrder(JournalRecordType type, in OrderRequest order) => new()
    {
        Type = type,
        Instrument = order.Instrument,
        Side = order.Side,
        OrderType = order.Type,
        TimeInForce = order.TimeInForce,
        Flags = order.Flags,
        Price = order.Price,
        Quantity = order.Quantity,
    };
}
