using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Velox.Core.Hashing;

/// <summary>
/// CRC-32 with the IEEE 802.3 / zlib polynomial (reflected 0xEDB88320), slicing-by-8.
/// This is what Bitfinex, OKX and Kraken checksum with — not the CRC-32C that the x86 crc32
/// instruction computes. Usage: state = Crc32.Append(Crc32.Initial, bytes)...; Crc32.Finish(state).
/// </summary>
public static class Crc32
{
    /// <summary>Starting state of a running CRC.</summary>
    public const uint Initial = 0xFFFF_FFFFu;

    private const uint Polynomial = 0xEDB8_8320u;

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
