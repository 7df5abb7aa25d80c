using System.Security.Cryptography;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// HMAC-SHA256 signatures of SIGNED requests (developers.binance.com "Request security", "SIGNED request
/// example (HMAC)"): lowercase hex of HMAC-SHA256(secret, payload), where the payload is the query string
/// (REST) or the request's other params sorted by name as <c>key=value</c> joined by <c>&amp;</c> (WebSocket API).
/// Allocation-free; the secret only enters the HMAC.
/// </summary>
public static class BinanceSigner
{
    /// <summary>Hex characters of a signature.</summary>
    public const int SignatureHexLength = HMACSHA256.HashSizeInBytes * 2;

    private const int BlockSize = 64;
    private const int MaxStackPayload = 2_048;

    /// <summary>Writes the 64 hex characters of the signature of <paramref name="payload"/>; false when the destination is too small.</summary>
    public static bool TrySign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < SignatureHexLength)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (payload.Length <= MaxStackPayload)
        {
            Hmac(secret, payload, mac);
        }
        else
        {
            HMACSHA256.HashData(secret, payload, mac);
        }

        for (var i = 0; i < mac.Length; i++)
        {
            destination[2 * i] = Hex(mac[i] >> 4);
            destination[(2 * i) + 1] = Hex(mac[i] & 0xF);
        }

        return true;
    }

    /// <summary>
    /// HMAC (RFC 2104) from two SHA-256 one-shots: H((K ^ opad) || H((K ^ ipad) || m)). Same result as
    /// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>, which builds a new
    /// native HMAC context per call and costs several microseconds more on Linux. Key material on the stack is wiped.
    /// </summary>
    private static void Hmac(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> payload, Span<byte> mac)
    {
        Span<byte> key = stackalloc byte[BlockSize];
        key.Clear();
        if (secret.Length > BlockSize)
        {
            SHA256.HashData(secret, key);
        }
        else
        {
            secret.CopyTo(key);
        }

        Span<byte> inner = stackalloc byte[BlockSize + payload.Length];
        Span<byte> outer = stackalloc byte[BlockSize + SHA256.HashSizeInBytes];
        for (var i = 0; i < BlockSize; i++)
        {
            inner[i] = (byte)(key[i] ^ 0x36);
            outer[i] = (byte)(key[i] ^ 0x5c);
        }

        payload.CopyTo(inner[BlockSize..]);
        SHA256.HashData(inner, outer[BlockSize..]);
        SHA256.HashData(outer, mac);
        key.Clear();
        inner[..BlockSize].Clear();
        outer[..BlockSize].Clear();
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
