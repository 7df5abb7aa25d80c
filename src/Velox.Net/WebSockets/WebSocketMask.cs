using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Velox.Net.WebSockets;

/// <summary>
/// XOR masking of payload bytes (RFC 6455 section 5.3), in place, 32 or 16 bytes per step where the
/// CPU has vectors and 8 bytes per step otherwise. Masking and unmasking are the same operation.
/// Assumes a little-endian CPU (x64, arm64): the key is a uint read from the wire bytes in memory order.
/// </summary>
public static class WebSocketMask
{
    /// <summary>
    /// Masks <paramref name="data"/> as if it started <paramref name="offset"/> bytes into the payload,
    /// so a payload can be processed in pieces.
    /// </summary>
    public static void Apply(Span<byte> data, uint maskKey, long offset)
    {
        var key = BitOperations.RotateRight(maskKey, (int)(offset & 3) * 8);
        ref var p = ref MemoryMarshal.GetReference(data);
        var length = (nuint)data.Length;
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated && length >= 32)
        {
            var v = Vector256.Create(key).AsByte();
            for (; i + 32 <= length; i += 32)
            {
                (Vector256.LoadUnsafe(ref p, i) ^ v).StoreUnsafe(ref p, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= 16)
        {
            var v = Vector128.Create(key).AsByte();
            for (; i + 16 <= length; i += 16)
            {
                (Vector128.LoadUnsafe(ref p, i) ^ v).StoreUnsafe(ref p, i);
            }
        }

        var wide = key | ((ulong)key << 32);
        for (; i + 8 <= length; i += 8)
        {
            ref var at = ref Unsafe.Add(ref p, i);
            Unsafe.WriteUnaligned(ref at, Unsafe.ReadUnaligned<ulong>(ref at) ^ wide);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref p, i) ^= (byte)(key >> ((int)(i & 3) * 8));
        }
    }
}
