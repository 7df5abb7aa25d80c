using System.Security.Cryptography;
using System.Text;

namespace Velox.Net.WebSockets;

/// <summary>The key/accept computation of the opening handshake (RFC 6455 section 4) and reading of its header block.</summary>
public static class WebSocketHandshake
{
    /// <summary>Largest HTTP header block accepted in either direction.</summary>
    public const int MaxHeaderLength = 8 * 1024;

    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A fresh Sec-WebSocket-Key: 16 random bytes, base64.</summary>
    public static string CreateKey()
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return Convert.ToBase64String(nonce);
    }

    /// <summary>The Sec-WebSocket-Accept a server answers for <paramref name="key"/>: base64(SHA-1(key + GUID)).</summary>
    public static string ComputeAccept(string key)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is what RFC 6455 prescribes here; it is not used for security.
        SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid), hash);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>True when <paramref name="key"/> is base64 of exactly 16 bytes.</summary>
    public static bool IsValidKey(string key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    /// <summary>
    /// Reads until the blank line that ends an HTTP header block. Returns the header block length
    /// (including the final CRLFCRLF) and how many bytes were read in total; bytes after the header are
    /// the first frames and must not be lost.
    /// </summary>
    internal static async Task<(int HeaderLength, int Received)> ReadHeaderAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var received = 0;
        while (true)
        {
            if (received == buffer.Length)
            {
                throw new WebSocketHandshakeException($"HTTP header block longer than {buffer.Length} bytes");
            }

            var n = await stream.ReadAsync(buffer.AsMemory(received), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new WebSocketHandshakeException("connection closed during the HTTP upgrade");
            }

            var searchFrom = Math.Max(0, received - 3);
            received += n;
            var end = buffer.AsSpan(searchFrom, received - searchFrom).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (searchFrom + end + 4, received);
            }
        }
    }
}
