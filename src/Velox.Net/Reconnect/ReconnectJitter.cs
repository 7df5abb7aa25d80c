namespace Velox.Net.Reconnect;

/// <summary>How <see cref="ReconnectPolicy"/> randomizes its exponential backoff (AWS architecture blog naming).</summary>
public enum ReconnectJitter
{
    /// <summary>Uniform in [0, min(cap, base * 2^attempt)].</summary>
    Full,

    /// <summary>Uniform in [base, previous delay * 3], capped; spreads reconnect storms better than Full.</summary>
    Decorrelated,
}
