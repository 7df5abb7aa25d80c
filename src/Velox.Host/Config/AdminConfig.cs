namespace Velox.Host.Config;

/// <summary>Section "admin": the admin HTTP plane (/metrics, /health, kill switch).</summary>
public sealed class AdminConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>Address to listen on; anything but loopback needs a kill token.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 9464;

    /// <summary>Secret that authorizes the kill switch; never printed.</summary>
    public string? KillToken { get; init; }

    public override string ToString() =>
        $"admin {{ enabled = {Enabled}, bind = {Bind}, port = {Port}, killToken = {(KillToken is null ? "null" : ConfigSchema.Redacted)} }}";
}
