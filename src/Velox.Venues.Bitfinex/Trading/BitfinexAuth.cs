using System.Buffers.Text;
using System.Security.Cryptography;
using Velox.MarketData.Outbound;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// The authentication message of the WebSocket v2 API (docs.bitfinex.com "Authenticated Channels"):
/// <c>{"event":"auth","apiKey":K,"authSig":S,"authPayload":"AUTH"+N,"authNonce":"N","dms":4}</c> (the nonce as a numeric string, as documented) where
/// S = lowercase hex of HMAC-SHA384(secret, "AUTH"+N). Allocation-free; the secret only enters the HMAC.
/// </summary>
public static class BitfinexAuth
{
    /// <summary>Dead-man-switch value that cancels all orders of the account when the socket closes.</summary>
    public const int DeadManSwitchCancelAll = 4;

    /// <summary>Hex characters of an HMAC-SHA384 signature.</summary>
    public const int SignatureHexLength = HMACSHA384.HashSizeInBytes * 2;

    /// <summary>Writes "AUTH" followed by the nonce in decimal; false when the destination is too small.</summary>
    public static bool TryWritePayload(Span<byte> destination, long nonce, out int written)
    {
        written = 0;
        if (destination.Length < 4 || !Utf8Formatter.TryFormat(nonce, destination[4..], out var digits))
        {
            return false;
        }

        "AUTH"u8.CopyTo(destination);
        written = 4 + digits;
        return true;
    }

    /// <summary>Writes lowercase hex of HMAC-SHA384(<paramref name="secret"/>, <paramref name="payload"/>) (96 bytes).</summary>
    public static bool TryWriteSignature(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < SignatureHexLength)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA384.HashSizeInBytes];
        HMACSHA384.HashData(secret, payload, mac);
        for (var i = 0; i < mac.Length; i++)
        {
            destination[2 * i] = Hex(mac[i] >> 4);
            destination[(2 * i) + 1] = Hex(mac[i] & 0xF);
        }

        return true;
    }

    /// <summary>
    /// Writes the auth event. <paramref name="deadManSwitch"/> 0 leaves "dms" out; 4 asks the server to
    /// cancel every order of the account when this socket closes.
    /// </summary>
    public static bool TryWriteAuthRequest(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long nonce, int deadManSwitch, out int written)
    {
        Span<byte> payload = stackalloc byte[32];
        Span<byte> signature = stackalloc byte[SignatureHexLength];
        if (!TryWritePayload(payload, nonce, out var payloadLength) || !TryWriteSignature(secret, payload[..payloadLength], signature))
        {
            written = 0;
            return false;
        }

        var w = new RequestWriter(destination);
        w.Append("{\"event\":\"auth\",\"apiKey\":\""u8);
        w.Append(apiKey);
        w.Append("\",\"authSig\":\""u8);
        w.Append(signature);
        w.Append("\",\"authPayload\":\""u8);
        w.Append(payload[..payloadLength]);
        w.Append("\",\"authNonce\":\""u8);
        w.Append(nonce);
        w.Append("\""u8);
        if (deadManSwitch != 0)
        {
            w.Append(",\"dms\":"u8);
            w.Append(deadManSwitch);
        }

        w.Append("}"u8);
        return w.Finish(out written);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
