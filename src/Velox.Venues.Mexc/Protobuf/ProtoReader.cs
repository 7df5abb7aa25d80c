using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Velox.Venues.Mexc.Protobuf;

/// <summary>
/// Forward-only, allocation-free Protocol Buffers wire reader over a span: field keys, varints
/// (with zigzag for sint), fixed32/64 (little-endian) and length-delimited payloads returned as
/// slices. Every operation is a Try: truncated or malformed input returns false and never throws.
/// </summary>
public ref struct ProtoReader
{
    /// <summary>Largest field number the encoding allows (2^29 - 1).</summary>
    public const int MaxFieldNumber = (1 << 29) - 1;

    private const int MaxVarintBytes = 10;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    /// <summary>Starts reading <paramref name="data"/> (one message, without an outer length prefix).</summary>
    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool AtEnd => _pos >= _data.Length;

    /// <summary>Offset of the next unread byte.</summary>
    public readonly int Position => _pos;

    /// <summary>Reads the next field key; false at the end of the message or on a malformed key (see <see cref="AtEnd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        fieldNumber = 0;
        wireType = WireType.Varint;
        if (_pos >= _data.Length || !TryReadVarint(out var key))
        {
            return false;
        }

        var field = key >> 3;
        if (field == 0 || field > MaxFieldNumber)
        {
            return false;
        }

        fieldNumber = (int)field;
        wireType = (WireType)(key & 7);
        return true;
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        var shift = 0;
        for (var i = 0; i < MaxVarintBytes; i++)
        {
            if (_pos >= _data.Length)
            {
                return false;
            }

            var b = _data[_pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }

            shift += 7;
        }

        return false;
    }

    /// <summary>Reads an int64/int32 varint (two's complement; negative int32 values are sign-extended to ten bytes on the wire).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        var ok = TryReadVarint(out var raw);
        value = (long)raw;
        return ok;
    }

    /// <summary>Reads a sint32/sint64 (zigzag-encoded) varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadSInt64(out long value)
    {
        var ok = TryReadVarint(out var raw);
        value = DecodeZigZag(raw);
        return ok;
    }

    /// <summary>Reads a little-endian fixed32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixed32(out uint value)
    {
        if (_data.Length - _pos < sizeof(uint))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_data[_pos..]);
        _pos += sizeof(uint);
        return true;
    }

    /// <summary>Reads a little-endian fixed64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixed64(out ulong value)
    {
        if (_data.Length - _pos < sizeof(ulong))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_pos..]);
        _pos += sizeof(ulong);
        return true;
    }

    /// <summary>Reads a length-delimited payload (string, bytes, embedded message) as a slice of the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadLengthDelimited(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_data.Length - _pos))
        {
            return false;
        }

        payload = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return true;
    }

    /// <summary>Skips the value of a field of <paramref name="wireType"/> (unknown fields); groups are rejected.</summary>
    public bool TrySkip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                return TryReadVarint(out _);
            case WireType.Fixed64:
                return TryReadFixed64(out _);
            case WireType.LengthDelimited:
                return TryReadLengthDelimited(out _);
            case WireType.Fixed32:
                return TryReadFixed32(out _);
            default:
                return false;
        }
    }

    /// <summary>Decodes a zigzag-encoded value (0, -1, 1, -2, ... map to 0, 1, 2, 3, ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DecodeZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);
}
