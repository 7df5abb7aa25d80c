using System.Security.Cryptography;

namespace Velox.Net.WebSockets;

/// <summary>
/// Mask keys for client frames: xorshift64* seeded once from the OS CSPRNG. The RFC wants keys a
/// hostile script cannot predict (proxy cache poisoning); our client sends only our own bytes, so a
/// fast generator with an unpredictable seed is enough and keeps the send path to a few instructions.
/// Not thread-safe: one per connection, used under the connection's send lock.
/// </summary>
public struct MaskKeyGenerator
{
    private ulong _state;

    /// <summary>A generator with a seed from the OS CSPRNG.</summary>
    public static MaskKeyGenerator Create()
    {
        Span<byte> seed = stackalloc byte[8];
        RandomNumberGenerator.Fill(seed);
        return new MaskKeyGenerator(BitConverter.ToUInt64(seed));
    }

    /// <summary>A generator with a fixed seed (tests, replays). A zero seed is replaced, as xorshift would stay at 0.</summary>
    public MaskKeyGenerator(ulong seed) => _state = seed == 0 ? 0x9E37_79B9_7F4A_7C15UL : seed;

    public uint Next()
    {
        var x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return (uint)((x * 0x2545_F491_4F6C_DD1DUL) >> 32);
    }
}
