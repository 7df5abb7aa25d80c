namespace Velox.Host.Config;

/// <summary>
/// Section "credentials": a file (mode 0600) holding venue API keys, as
/// {"bitfinex": {"apiKey": "…", "apiSecret": "…"}}. Environment variables VELOX_&lt;VENUE&gt;_API_KEY and
/// VELOX_&lt;VENUE&gt;_API_SECRET take precedence.
/// </summary>
public sealed class CredentialsConfig
{
    public string? File { get; init; }
}
