namespace Velox.Host.Config;

/// <summary>API credentials of one venue. Never printed: <see cref="ToString"/> names only the venue and the source.</summary>
public sealed class VenueCredentials
{
    public required string Venue { get; init; }

    public required string ApiKey { get; init; }

    public required string ApiSecret { get; init; }

    /// <summary>OKX's API passphrase; null elsewhere.</summary>
    public string? ApiPassphrase { get; init; }

    /// <summary>"env" or "file PATH".</summary>
    public required string Source { get; init; }

    public override string ToString() =>
        $"{Venue}: apiKey {ConfigSchema.Redacted}, apiSecret {ConfigSchema.Redacted}{(ApiPassphrase is null ? string.Empty : $", apiPassphrase {ConfigSchema.Redacted}")} ({Source})";
}
