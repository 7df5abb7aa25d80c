using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Velox.Core.Hashing;

/// <summary>
/// CRC-32 with the IEEE 802.3 / zlib polynomial (reflected 0xEDB88320): carry-less multiply
/// folding (PCLMULQDQ) for inputs of 64 bytes and more, slicing-by-8 for the rest and on CPUs
/// without it. This is what Bitfinex, OKX and Kraken checksum with — not the CRC-32C that the x86
/// crc32 instruction computes. Usage: state = Crc32.Append(Crc32.Initial, bytes)...; Crc32.Finish(state).
/// </summary>
public static class Crc32
{
    /// <summary>Starting state of a running CRC.</summary>
    public const uint Initial = 0xFFFF_FFFFu;

    private const uint Polynomial = 0xEDB8_8320u;

    // Folding pays off from one 64-byte block on; shorter inputs stay on the table.
    private const int FoldMinimum = 64;

    // Bit-reflected folding constants x^k mod P(x) and the Barrett pair (P(x), floor(x^64 / P(x))) of
    // Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ" (Intel, 2009),
    // as zlib and Chromium use them: fold by 512 bits, by 128 bits, then 64 -> 32.
    private const ulong K1 = 0x1_5444_2BD4ul;
    private const ulong K2 = 0x1_C6E4_1596ul;
    private const ulong K3 = 0x1_7519_97D0ul;
    private const ulong K4 = 0x0_CCAA_009Eul;
    private const ulong K5 = 0x1_63CD_6124ul;
    private const ulong BarrettPolynomial = 0x1_DB71_0641ul;
    private const ulong BarrettMu = 0x1_F701_1641ul;

    private static readonly uint[] Table = BuildTable();

    /// <summary>One-shot CRC-32 of the bytes.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Initial, data));

    /// <summary>Final value from a running state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finish(uint state) => ~state;

    /// <summary>Feeds one byte into a running state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Append(uint state, byte value) =>
        Table[(int)((state ^ value) & 0xFF)] ^ (state >> 8);

    /// <summary>Feeds bytes into a running state.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        if (data.Length >= FoldMinimum && Pclmulqdq.IsSupported)
        {
            var folded = data.Length & ~15;
            state = Fold(state, data[..folded]);
            data = data[folded..];
        }

        return AppendTable(state, data);
    }

    private static uint AppendTable(uint state, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Table);
        ref var p = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            var one = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i)) ^ state;
            var two = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i + 4));
            state =
                Unsafe.Add(ref table, (7 * 256) + (int)(one & 0xFF)) ^
                Unsafe.Add(ref table, (6 * 256) + (int)((one >> 8) & 0xFF)) ^
                Unsafe.Add(ref table, (5 * 256) + (int)((one >> 16) & 0xFF)) ^
                Unsafe.Add(ref table, (4 * 256) + (int)(one >> 24)) ^
                Unsafe.Add(ref table, (3 * 256) + (int)(two & 0xFF)) ^
                Unsafe.Add(ref table, (2 * 256) + (int)((two >> 8) & 0xFF)) ^
                Unsafe.Add(ref table, 256 + (int)((two >> 16) & 0xFF)) ^
                Unsafe.Add(ref table, (int)(two >> 24));
        }

        for (; i < length; i++)
        {
            state = Unsafe.Add(ref table, (int)((state ^ Unsafe.Add(ref p, i)) & 0xFF)) ^ (state >> 8);
        }

        return state;
    }

    /// <summary>CRC state over <paramref name="data"/>: a multiple of 16 bytes, at least 64.</summary>
    private static uint Fold(uint state, ReadOnlySpan<byte> data)
    {
        ref var p = ref MemoryMarshal.GetReference(data);
        var length = data.Length;

        var x1 = Load(ref p, 0) ^ Vector128.CreateScalar(state).AsUInt64();
        var x2 = Load(ref p, 16);
        var x3 = Load(ref p, 32);
        var x4 = Load(ref p, 48);
        var k = Vector128.Create(K1, K2);
        var i = 64;
        for (; i + 64 <= length; i += 64)
        {
            x1 = FoldInto(x1, k, Load(ref p, i));
            x2 = FoldInto(x2, k, Load(ref p, i + 16));
            x3 = FoldInto(x3, k, Load(ref p, i + 32));
            x4 = FoldInto(x4, k, Load(ref p, i + 48));
        }

        k = Vector128.Create(K3, K4);
        x1 = FoldInto(x1, k, x2);
        x1 = FoldInto(x1, k, x3);
        x1 = FoldInto(x1, k, x4);
        for (; i < length; i += 16)
        {
            x1 = FoldInto(x1, k, Load(ref p, i));
        }

        // 128 -> 64 bits, then 64 -> 32 bits with K5.
        var low32 = Vector128.Create(0xFFFF_FFFFul);
        x1 = Pclmulqdq.CarrylessMultiply(x1, k, 0x10) ^ Sse2.ShiftRightLogical128BitLane(x1, 8);
        x1 = Pclmulqdq.CarrylessMultiply(x1 & low32, Vector128.CreateScalar(K5), 0x00) ^ Sse2.ShiftRightLogical128BitLane(x1, 4);

        // Barrett reduction to the 32-bit remainder.
        var barrett = Vector128.Create(BarrettPolynomial, BarrettMu);
        var t = Pclmulqdq.CarrylessMultiply(x1 & low32, barrett, 0x10) & low32;
        x1 ^= Pclmulqdq.CarrylessMultiply(t, barrett, 0x00);
        return x1.AsUInt32().GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte p, int offset) =>
        Vector128.LoadUnsafe(ref Unsafe.Add(ref p, offset)).AsUInt64();

    /// <summary>Multiplies <paramref name="x"/> forward by 128 or 512 bits (per <paramref name="k"/>) and adds <paramref name="next"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldInto(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = table[((slice - 1) * 256) + n];
                table[(slice * 256) + n] = (previous >> 8) ^ table[(int)(previous & 0xFF)];
            }
        }

        return table;
    }
}
