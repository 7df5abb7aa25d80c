using System.Text.Json;

namespace Velox.Host.Config;

/// <summary>
/// Reads venue credentials from VELOX_&lt;VENUE&gt;_API_KEY / _API_SECRET / _API_PASSPHRASE and from the credentials
/// file, which must be mode 0600. Problems name the variable, the file and the field, never a value.
/// </summary>
internal static class CredentialsSource
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Venues that need a passphrase besides key and secret.</summary>
    private static readonly string[] PassphraseVenues = ["okx"];

    public static VeloxCredentials Load(VeloxConfig config, IReadOnlyDictionary<string, string> environment, List<ConfigError> errors)
    {
        var byVenue = new Dictionary<string, VenueCredentials>(StringComparer.Ordinal);
        if (config.Credentials.File is { Length: > 0 } path)
        {
            ReadFile(path, byVenue, errors);
        }

        foreach (var venue in ConfigSchema.KnownVenues)
        {
            ReadEnvironment(venue, environment, byVenue, errors);
        }

        if (config.Mode == RunMode.Live)
        {
            foreach (var venue in config.Venues)
            {
                if (ConfigSchema.KnownVenues.Contains(venue) && !byVenue.ContainsKey(venue))
                {
                    errors.Add(new ConfigError("mode", $"live needs API credentials for {venue}: set {Variables(venue)} or add \"{venue}\" to credentials.file"));
                }
            }
        }

        return new VeloxCredentials(byVenue);
    }

    private static void ReadEnvironment(
        string venue, IReadOnlyDictionary<string, string> environment, Dictionary<string, VenueCredentials> byVenue, List<ConfigError> errors)
    {
        var keyName = ConfigSchema.CredentialVariable(venue, "_API_KEY");
        var secretName = ConfigSchema.CredentialVariable(venue, "_API_SECRET");
        var passphraseName = ConfigSchema.CredentialVariable(venue, "_API_PASSPHRASE");
        var key = Value(environment, keyName);
        var secret = Value(environment, secretName);
        var passphrase = Value(environment, passphraseName);
        if (key is null && secret is null && passphrase is null)
        {
            return;
        }

        var needsPassphrase = PassphraseVenues.Contains(venue);
        if (key is null || secret is null || (needsPassphrase && passphrase is null))
        {
            errors.Add(new ConfigError($"env {Variables(venue)}", "set only in part: a venue needs all of them (or none)"));
            return;
        }

        if (!needsPassphrase && passphrase is not null)
        {
            errors.Add(new ConfigError($"env {passphraseName}", $"{venue} takes no passphrase"));
            return;
        }

        byVenue[venue] = new VenueCredentials { Venue = venue, ApiKey = key, ApiSecret = secret, ApiPassphrase = passphrase, Source = "env" };
    }

    private static void ReadFile(string path, Dictionary<string, VenueCredentials> byVenue, List<ConfigError> errors)
    {
        const string Field = "credentials.file";
        if (!File.Exists(path))
        {
            errors.Add(new ConfigError(Field, $"{path} does not exist"));
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                errors.Add(new ConfigError(Field, $"{path} has mode {Octal(mode)}: group or others may access it; run chmod 600 {path}"));
                return;
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            // JsonException's message can quote the text; give only the position.
            errors.Add(new ConfigError(Field, $"{path} is not valid JSON (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1})"));
            return;
        }
        catch (IOException e)
        {
            errors.Add(new ConfigError(Field, $"cannot read {path}: {e.Message}"));
            return;
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add(new ConfigError(Field, $"cannot read {path}: permission denied"));
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ConfigError(Field, $"{path} must hold an object: {{\"bitfinex\": {{\"apiKey\": …, \"apiSecret\": …}}}}"));
                return;
            }

            foreach (var entry in document.RootElement.EnumerateObject())
            {
                ReadVenue(path, entry, byVenue, errors);
            }
        }
    }

    private static void ReadVenue(string path, JsonProperty entry, Dictionary<string, VenueCredentials> byVenue, List<ConfigError> errors)
    {
        const string Field = "credentials.file";
        var venue = entry.Name;
        if (!ConfigSchema.KnownVenues.Contains(venue))
        {
            errors.Add(new ConfigError(Field, $"{path}: unknown venue \"{venue}\""));
            return;
        }

        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(Field, $"{path}: {venue} must be an object with apiKey and apiSecret"));
            return;
        }

        string? key = null, secret = null, passphrase = null;
        foreach (var field in entry.Value.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.String || field.Value.GetString()!.Length == 0)
            {
                errors.Add(new ConfigError(Field, $"{path}: {venue}.{field.Name} must be a non-empty string"));
                continue;
            }

            switch (field.Name)
            {
                case "apiKey":
                    key = field.Value.GetString();
                    break;
                case "apiSecret":
                    secret = field.Value.GetString();
                    break;
                case "apiPassphrase":
                    passphrase = field.Value.GetString();
                    break;
                default:
                    errors.Add(new ConfigError(Field, $"{path}: {venue}.{field.Name} is not a credential field (apiKey, apiSecret, apiPassphrase)"));
                    break;
            }
        }

        if (key is null || secret is null || (PassphraseVenues.Contains(venue) && passphrase is null))
        {
            errors.Add(new ConfigError(Field, $"{path}: {venue} needs apiKey and apiSecret{(PassphraseVenues.Contains(venue) ? " and apiPassphrase" : string.Empty)}"));
            return;
        }

        byVenue[venue] = new VenueCredentials { Venue = venue, ApiKey = key, ApiSecret = secret, ApiPassphrase = passphrase, Source = $"file {path}" };
    }

    private static string? Value(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static string Variables(string venue)
    {
        var names = $"{ConfigSchema.CredentialVariable(venue, "_API_KEY")} and {ConfigSchema.CredentialVariable(venue, "_API_SECRET")}";
        return PassphraseVenues.Contains(venue) ? $"{names} and {ConfigSchema.CredentialVariable(venue, "_API_PASSPHRASE")}" : names;
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
