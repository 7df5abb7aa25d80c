using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>What a tripped circuit breaker imposes ("risk.breakers.*Mode").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreakerModeKind>))]
public enum BreakerModeKind
{
    /// <summary>Cancel every resting order and refuse new ones.</summary>
    [JsonStringEnumMemberName("halt")]
    Halt,

    /// <summary>Only orders that shrink the position pass.</summary>
    [JsonStringEnumMemberName("reduce-only")]
    ReduceOnly,
}
