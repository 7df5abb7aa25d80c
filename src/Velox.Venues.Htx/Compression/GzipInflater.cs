using System.Runtime.CompilerServices;
using Velox.Core.Hashing;

namespace Velox.Venues.Htx.Compression;

/// <summary>
/// Allocation-free gzip (RFC 1952) + deflate (RFC 1951) decoder for whole WebSocket frames: one member
/// per call, decompressed into a buffer owned (and reused) by the instance; the trailer's CRC-32 and size
/// are verified. Written because neither SharpZipLib's Inflater (new Huffman trees per dynamic block,
/// ~4 KB per HTX frame) nor a reused GZipStream (a new zlib handle per member, ~300 B) reach zero
/// allocation. Decoding follows zlib's reference "puff" design (canonical codes) with a one-lookup
/// table for codes of up to 9 bits. Single-threaded.
/// </summary>
public sealed class GzipInflater
{
    private const int LengthCodes = 29;
    private const int MaxLiteralSymbols = 288;
    private const int MaxDistanceSymbols = 30;
    private const byte FlagHeaderCrc = 2;
    private const byte FlagExtra = 4;
    private const byte FlagName = 8;
    private const byte FlagComment = 16;
    private const byte ReservedFlags = 0xE0;

    private static readonly short[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly short[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private readonly byte[] _output;
    private readonly HuffmanTable _fixedLiterals = new(MaxLiteralSymbols);
    private readonly HuffmanTable _fixedDistances = new(MaxDistanceSymbols);
    private readonly HuffmanTable _literals = new(MaxLiteralSymbols);
    private readonly HuffmanTable _distances = new(MaxDistanceSymbols);
    private readonly HuffmanTable _codeLengths = new(19);
    private readonly byte[] _lengths = new byte[MaxLiteralSymbols + MaxDistanceSymbols];
    private int _outPos;

    /// <summary>Creates a decoder for frames that decompress to at most <paramref name="maxOutput"/> bytes.</summary>
    public GzipInflater(int maxOutput = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutput, 1);
        _output = new byte[maxOutput];
        Span<byte> lengths = stackalloc byte[MaxLiteralSymbols];
        lengths[..144].Fill(8);
        lengths[144..256].Fill(9);
        lengths[256..280].Fill(7);
        lengths[280..].Fill(8);
        _fixedLiterals.TryBuild(lengths);
        lengths[..MaxDistanceSymbols].Fill(5);
        _fixedDistances.TryBuild(lengths[..MaxDistanceSymbols]);
    }

    /// <summary>True when <paramref name="frame"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> frame) => frame.Length >= 2 && frame[0] == 0x1F && frame[1] == 0x8B;

    /// <summary>Decompresses one gzip member; <paramref name="output"/> is valid until the next call.</summary>
    public InflateStatus TryInflate(ReadOnlySpan<byte> gzip, out ReadOnlySpan<byte> output)
    {
        output = default;
        var status = TrySkipHeader(gzip, out var deflateStart);
        if (status != InflateStatus.Ok)
        {
            return status;
        }

        var bits = new BitReader(gzip[deflateStart..]);
        _outPos = 0;
        status = InflateBlocks(ref bits);
        if (status != InflateStatus.Ok)
        {
            return status;
        }

        var trailer = deflateStart + bits.BytesConsumed;
        if (gzip.Length - trailer < 8)
        {
            return InflateStatus.Truncated;
        }

        var crc = (uint)(gzip[trailer] | (gzip[trailer + 1] << 8) | (gzip[trailer + 2] << 16) | (gzip[trailer + 3] << 24));
        var size = (uint)(gzip[trailer + 4] | (gzip[trailer + 5] << 8) | (gzip[trailer + 6] << 16) | (gzip[trailer + 7] << 24));
        output = _output.AsSpan(0, _outPos);
        return crc == Crc32.Compute(output) && size == (uint)_outPos ? InflateStatus.Ok : InflateStatus.ChecksumMismatch;
    }

    private static InflateStatus TrySkipHeader(ReadOnlySpan<byte> gzip, out int end)
    {
        end = 10;
        if (gzip.Length < 18)
        {
            return IsGzip(gzip) ? InflateStatus.Truncated : InflateStatus.BadHeader;
        }

        var flags = gzip[3];
        if (!IsGzip(gzip) || gzip[2] != 8 || (flags & ReservedFlags) != 0)
        {
            return InflateStatus.BadHeader;
        }

        if ((flags & FlagExtra) != 0)
        {
            end += 2 + (gzip[end] | (gzip[end + 1] << 8));
        }

        if ((flags & FlagName) != 0 && !TrySkipZeroTerminated(gzip, ref end))
        {
            return InflateStatus.Truncated;
        }

        if ((flags & FlagComment) != 0 && !TrySkipZeroTerminated(gzip, ref end))
        {
            return InflateStatus.Truncated;
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            end += 2;
        }

        return end < gzip.Length ? InflateStatus.Ok : InflateStatus.Truncated;
    }

    private static bool TrySkipZeroTerminated(ReadOnlySpan<byte> gzip, ref int pos)
    {
        if (pos >= gzip.Length)
        {
            return false;
        }

        var zero = gzip[pos..].IndexOf((byte)0);
        pos += zero + 1;
        return zero >= 0;
    }

    private InflateStatus InflateBlocks(ref BitReader bits)
    {
        int last;
        do
        {
            if (!bits.TryRead(1, out last) || !bits.TryRead(2, out var type))
            {
                return InflateStatus.Truncated;
            }

            var status = type switch
            {
                0 => CopyStored(ref bits),
                1 => InflateCodes(ref bits, _fixedLiterals, _fixedDistances),
                2 => BuildDynamic(ref bits),
                _ => InflateStatus.BadData,
            };
            if (type == 2 && status == InflateStatus.Ok)
            {
                status = InflateCodes(ref bits, _literals, _distances);
            }

            if (status != InflateStatus.Ok)
            {
                return status;
            }
        }
        while (last == 0);

        return InflateStatus.Ok;
    }

    private InflateStatus CopyStored(ref BitReader bits)
    {
        if (!bits.TryTakeAlignedBytes(4, out var header))
        {
            return InflateStatus.Truncated;
        }

        var length = header[0] | (header[1] << 8);
        if ((length ^ 0xFFFF) != (header[2] | (header[3] << 8)))
        {
            return InflateStatus.BadData;
        }

        if (!bits.TryTakeAlignedBytes(length, out var data))
        {
            return InflateStatus.Truncated;
        }

        if (_outPos + length > _output.Length)
        {
            return InflateStatus.OutputFull;
        }

        data.CopyTo(_output.AsSpan(_outPos));
        _outPos += length;
        return InflateStatus.Ok;
    }

    private InflateStatus BuildDynamic(ref BitReader bits)
    {
        if (!bits.TryRead(5, out var literalCount) || !bits.TryRead(5, out var distanceCount) || !bits.TryRead(4, out var codeLengthCount))
        {
            return InflateStatus.Truncated;
        }

        literalCount += 257;
        distanceCount += 1;
        codeLengthCount += 4;
        if (literalCount > 286 || distanceCount > MaxDistanceSymbols)
        {
            return InflateStatus.BadData;
        }

        var lengths = _lengths.AsSpan(0, 19);
        lengths.Clear();
        for (var i = 0; i < codeLengthCount; i++)
        {
            if (!bits.TryRead(3, out var length))
            {
                return InflateStatus.Truncated;
            }

            lengths[CodeLengthOrder[i]] = (byte)length;
        }

        if (!_codeLengths.TryBuild(lengths))
        {
            return InflateStatus.BadData;
        }

        var total = literalCount + distanceCount;
        var index = 0;
        while (index < total)
        {
            var symbol = Decode(ref bits, _codeLengths);
            if (symbol < 0)
            {
                return symbol == -1 ? InflateStatus.Truncated : InflateStatus.BadData;
            }

            if (symbol < 16)
            {
                _lengths[index++] = (byte)symbol;
                continue;
            }

            byte repeated = 0;
            int count;
            bool ok;
            if (symbol == 16)
            {
                if (index == 0)
                {
                    return InflateStatus.BadData;
                }

                repeated = _lengths[index - 1];
                ok = bits.TryRead(2, out count);
                count += 3;
            }
            else if (symbol == 17)
            {
                ok = bits.TryRead(3, out count);
                count += 3;
            }
            else
            {
                ok = bits.TryRead(7, out count);
                count += 11;
            }

            if (!ok)
            {
                return InflateStatus.Truncated;
            }

            if (index + count > total)
            {
                return InflateStatus.BadData;
            }

            _lengths.AsSpan(index, count).Fill(repeated);
            index += count;
        }

        // The end-of-block code must be present.
        if (_lengths[256] == 0
            || !_literals.TryBuild(_lengths.AsSpan(0, literalCount))
            || !_distances.TryBuild(_lengths.AsSpan(literalCount, distanceCount)))
        {
            return InflateStatus.BadData;
        }

        return InflateStatus.Ok;
    }

    private InflateStatus InflateCodes(ref BitReader bits, HuffmanTable literals, HuffmanTable distances)
    {
        var output = _output;
        while (true)
        {
            var symbol = Decode(ref bits, literals);
            if (symbol < 256)
            {
                if (symbol < 0)
                {
                    return symbol == -1 ? InflateStatus.Truncated : InflateStatus.BadData;
                }

                if (_outPos == output.Length)
                {
                    return InflateStatus.OutputFull;
                }

                output[_outPos++] = (byte)symbol;
                continue;
            }

            if (symbol == 256)
            {
                return InflateStatus.Ok;
            }

            symbol -= 257;
            if (symbol >= LengthCodes || !bits.TryRead(LengthExtra[symbol], out var extra))
            {
                return symbol >= LengthCodes ? InflateStatus.BadData : InflateStatus.Truncated;
            }

            var length = LengthBase[symbol] + extra;
            var distanceSymbol = Decode(ref bits, distances);
            if (distanceSymbol < 0 || distanceSymbol >= MaxDistanceSymbols)
            {
                return distanceSymbol == -1 ? InflateStatus.Truncated : InflateStatus.BadData;
            }

            if (!bits.TryRead(DistanceExtra[distanceSymbol], out extra))
            {
                return InflateStatus.Truncated;
            }

            var distance = DistanceBase[distanceSymbol] + extra;
            if (distance > _outPos)
            {
                return InflateStatus.BadData;
            }

            if (_outPos + length > output.Length)
            {
                return InflateStatus.OutputFull;
            }

            // Byte by byte: the source may overlap the bytes being written (runs).
            var from = _outPos - distance;
            for (var i = 0; i < length; i++)
            {
                output[_outPos++] = output[from + i];
            }
        }
    }

    /// <summary>Next symbol of <paramref name="table"/>: -1 when the input ran out, -2 for an invalid code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(ref BitReader bits, HuffmanTable table)
    {
        if (bits.TryPeek(HuffmanTable.FastBits, out var peek))
        {
            int entry = table.Fast[peek];
            if (entry != 0)
            {
                bits.Skip(entry & 15);
                return entry >> 4;
            }
        }

        return DecodeSlow(ref bits, table);
    }

    private static int DecodeSlow(ref BitReader bits, HuffmanTable table)
    {
        var counts = table.Counts;
        var code = 0;
        var first = 0;
        var index = 0;
        for (var len = 1; len <= HuffmanTable.MaxBits; len++)
        {
            if (!bits.TryRead(1, out var bit))
            {
                return -1;
            }

            code |= bit;
            int count = counts[len];
            if (code - count < first)
            {
                return table.Symbols[index + (code - first)];
            }

            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }

        return -2;
    }

    /// <summary>LSB-first bit reader over the deflate stream.</summary>
    private ref struct BitReader
    {
        private readonly ReadOnlySpan<byte> _input;
        private int _pos;
        private ulong _buffer;
        private int _count;

        public BitReader(ReadOnlySpan<byte> input)
        {
            _input = input;
        }

        /// <summary>Whole bytes consumed (a partly used byte counts as consumed).</summary>
        public readonly int BytesConsumed => _pos - (_count >> 3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryRead(int n, out int value)
        {
            while (_count < n)
            {
                if (_pos == _input.Length)
                {
                    value = 0;
                    return false;
                }

                _buffer |= (ulong)_input[_pos++] << _count;
                _count += 8;
            }

            value = (int)(_buffer & ((1UL << n) - 1));
            _buffer >>= n;
            _count -= n;
            return true;
        }

        /// <summary>The next <paramref name="n"/> bits without consuming them; false near the end of the input.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryPeek(int n, out int value)
        {
            while (_count <= 56 && _pos < _input.Length)
            {
                _buffer |= (ulong)_input[_pos++] << _count;
                _count += 8;
            }

            value = (int)(_buffer & ((1UL << n) - 1));
            return _count >= n;
        }

        /// <summary>Consumes <paramref name="n"/> bits known to be buffered.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Skip(int n)
        {
            _buffer >>= n;
            _count -= n;
        }

        /// <summary>Drops the bits of the current byte and takes <paramref name="n"/> whole bytes.</summary>
        public bool TryTakeAlignedBytes(int n, out ReadOnlySpan<byte> bytes)
        {
            _buffer >>= _count & 7;
            _count &= ~7;

            // Bytes still held in the bit buffer go back to the input.
            _pos -= _count >> 3;
            _buffer = 0;
            _count = 0;
            if (_input.Length - _pos < n)
            {
                bytes = default;
                return false;
            }

            bytes = _input.Slice(_pos, n);
            _pos += n;
            return true;
        }
    }
}
