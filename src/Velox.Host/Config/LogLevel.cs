using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>Least severe log level written, for the process or one component.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LogLevel>))]
public enum LogLevel
{
    [JsonStringEnumMemberName("trace")]
    Trace,

    [JsonStringEnumMemberName("debug")]
    Debug,

    [JsonStringEnumMemberName("info")]
    Info,

    [JsonStringEnumMemberName("warn")]
    Warn,

    [JsonStringEnumMemberName("error")]
    Error,
}
