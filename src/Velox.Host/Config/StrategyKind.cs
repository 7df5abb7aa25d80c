using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>Which reference strategy the engine runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StrategyKind>))]
public enum StrategyKind
{
    /// <summary>Books only; no orders.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Market making on one instrument.</summary>
    [JsonStringEnumMemberName("mm")]
    MarketMaking,

    /// <summary>Cross-venue arbitrage.</summary>
    [JsonStringEnumMemberName("arb")]
    Arbitrage,
}
