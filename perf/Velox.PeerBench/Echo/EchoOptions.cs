namespace Velox.PeerBench.Echo;

/// <summary>How many round trips, of what size; one message in flight at a time.</summary>
public sealed record EchoOptions
{
    public int Count { get; init; } = 20_000;

    public int Warmup { get; init; } = 2_000;

    public int PayloadBytes { get; init; } = 32;

    /// <summary>Longest time one round trip may take before the pair is declared broken.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
