using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>Where market data comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataSourceKind>))]
public enum DataSourceKind
{
    /// <summary>The embedded exchange's synthetic market on 127.0.0.1.</summary>
    [JsonStringEnumMemberName("simulator")]
    Simulator,

    /// <summary>A recorded capture replayed through the same parsers.</summary>
    [JsonStringEnumMemberName("replay")]
    Replay,
}
