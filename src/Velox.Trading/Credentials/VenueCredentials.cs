using System.Text;

namespace Velox.Trading.Credentials;

/// <summary>
/// One venue API key and its secret. The secret is held as bytes and never appears in
/// <see cref="ToString"/>, exception messages or logs; the key is shown by its first four characters only.
/// Load it with <see cref="VenueCredentialsLoader"/> (environment or a 0600 file).
/// </summary>
public sealed class VenueCredentials
{
    private readonly byte[] _secret;

    /// <summary>Creates credentials; both parts must be non-empty printable ASCII without spaces or quotes.</summary>
    public VenueCredentials(string apiKey, string apiSecret)
    {
        if (!IsToken(apiKey))
        {
            throw new ArgumentException("API key is empty or holds characters an API key cannot have", nameof(apiKey));
        }

        if (!IsToken(apiSecret))
        {
            throw new ArgumentException("API secret is empty or holds characters an API secret cannot have", nameof(apiSecret));
        }

        ApiKeyUtf8 = Encoding.ASCII.GetBytes(apiKey);
        _secret = Encoding.ASCII.GetBytes(apiSecret);
    }

    /// <summary>The API key as sent on the wire (public, but still not logged in full).</summary>
    public ReadOnlyMemory<byte> ApiKeyUtf8 { get; }

    /// <summary>The secret, for signing only; never copy it into text.</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Overwrites the secret in memory (at shutdown).</summary>
    public void Clear() => Array.Clear(_secret);

    public override string ToString()
    {
        var key = ApiKeyUtf8.Span;
        return $"VenueCredentials(key={Encoding.ASCII.GetString(key[..Math.Min(4, key.Length)])}…, secret=***)";
    }

    private static bool IsToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= ' ' || c > '~' || c == '"' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
