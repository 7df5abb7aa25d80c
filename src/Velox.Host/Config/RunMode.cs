using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>How far orders go: nowhere, to the simulator's paper matching engine, or to a real venue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunMode>))]
public enum RunMode
{
    /// <summary>Strategies decide, risk checks, nothing is sent.</summary>
    [JsonStringEnumMemberName("dry-run")]
    DryRun,

    /// <summary>Orders go to the embedded exchange's matching engine.</summary>
    [JsonStringEnumMemberName("paper")]
    Paper,

    /// <summary>Orders go to the venue; needs credentials.</summary>
    [JsonStringEnumMemberName("live")]
    Live,
}
