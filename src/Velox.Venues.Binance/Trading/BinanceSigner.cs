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

    /// <summary>Writes the 64 hex characters of the signature of <paramref name="payload"/>; false when the destination is too small.</summary>
    public static bool TrySign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < SignatureHexLength)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, payload, mac);
        for (var i = 0; i < mac.Length; i++)
        {
            destination[2 * i] = Hex(mac[i] >> 4);
            destination[(2 * i) + 1] = Hex(mac[i] & 0xF);
        }

        return true;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
