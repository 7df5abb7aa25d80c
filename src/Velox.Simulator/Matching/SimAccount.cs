namespace Velox.Simulator.Matching;

/// <summary>An API key of the embedded exchange with its starting exchange-wallet balances.</summary>
public sealed record SimAccount
{
    /// <summary>The API key clients send.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The secret the signature is computed with.</summary>
    public required string ApiSecret { get; init; }

    /// <summary>User id reported after a successful login.</summary>
    public long UserId { get; init; } = 1;

    /// <summary>Starting balances: currency (e.g. "USD") to decimal text (e.g. "100000").</summary>
    public IReadOnlyDictionary<string, string> Balances { get; init; } = new Dictionary<string, string>();

    /// <summary>The account every simulator serves unless told otherwise (key "velox-sim-key", secret "velox-sim-secret").</summary>
    public static SimAccount Demo { get; } = new()
    {
        ApiKey = "velox-sim-key",
        ApiSecret = "velox-sim-secret",
        UserId = 1_000_001,
        Balances = new Dictionary<string, string>
        {
            ["USD"] = "1000000",
            ["BTC"] = "10",
            ["ETH"] = "100",
            ["XRP"] = "1000000",
        },
    };
}
