namespace Velox.Trading.Credentials;

/// <summary>
/// Loads venue credentials from the environment (<c>VELOX_{VENUE}_API_KEY</c> and
/// <c>VELOX_{VENUE}_API_SECRET</c>) or from a file readable by its owner only (mode 0600 or 0400) holding
/// the same two <c>NAME=value</c> lines. Errors name the variable or the path, never a value.
/// </summary>
public static class VenueCredentialsLoader
{
    /// <summary>Name of the key variable for a venue, e.g. <c>VELOX_BITFINEX_API_KEY</c>.</summary>
    public static string KeyVariable(string venue) => $"VELOX_{venue.ToUpperInvariant()}_API_KEY";

    /// <summary>Name of the secret variable for a venue, e.g. <c>VELOX_BITFINEX_API_SECRET</c>.</summary>
    public static string SecretVariable(string venue) => $"VELOX_{venue.ToUpperInvariant()}_API_SECRET";

    /// <summary>
    /// The file when <paramref name="path"/> is given, else the environment. Throws
    /// <see cref="InvalidOperationException"/> with a message that names what is missing or wrong.
    /// </summary>
    public static VenueCredentials Load(string venue, string? path = null, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        if (path is not null)
        {
            return FromFile(venue, path);
        }

        environment ??= Environment.GetEnvironmentVariable;
        var keyName = KeyVariable(venue);
        var secretName = SecretVariable(venue);
        var key = environment(keyName);
        var secret = environment(secretName);
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException(
                $"{venue} credentials: set {keyName} and {secretName}, or give a credentials file (mode 0600)");
        }

        return Create(key, secret, $"{keyName}/{secretName}");
    }

    /// <summary>Reads <c>VELOX_{VENUE}_API_KEY=...</c> and <c>VELOX_{VENUE}_API_SECRET=...</c> lines from an owner-only file.</summary>
    public static VenueCredentials FromFile(string venue, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"credentials file {path} does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & GroupOrOther) != 0)
            {
                throw new InvalidOperationException(
                    $"credentials file {path} is readable by group or others: restrict it to its owner (chmod 600 {path})");
            }
        }

        var keyName = KeyVariable(venue);
        var secretName = SecretVariable(venue);
        string? key = null;
        string? secret = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InvalidOperationException($"credentials file {path}: a line is not NAME=value");
            }

            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (name == keyName)
            {
                key = value;
            }
            else if (name == secretName)
            {
                secret = value;
            }
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"credentials file {path} must hold {keyName}= and {secretName}= lines");
        }

        return Create(key, secret, path);
    }

    private static VenueCredentials Create(string key, string secret, string source)
    {
        try
        {
            return new VenueCredentials(key, secret);
        }
        catch (ArgumentException e)
        {
            // The argument exception names the parameter, not the value.
            throw new InvalidOperationException($"credentials from {source}: {e.Message}", e);
        }
    }
}
