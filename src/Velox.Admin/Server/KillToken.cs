using System.Security.Cryptography;
using System.Text;

namespace Velox.Admin.Server;

/// <summary>
/// The secret that authorizes POST /kill. Only its SHA-256 is kept; a presented token is hashed and the two
/// digests compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison time says
/// nothing about the secret, not even its length.
/// </summary>
public sealed class KillToken
{
    private readonly byte[] _digest;

    public KillToken(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("the kill token must not be empty", nameof(secret));
        }

        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>True when <paramref name="presented"/> is the secret.</summary>
    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _digest);
    }
}
