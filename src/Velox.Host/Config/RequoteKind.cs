using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>How the market maker moves a working quote ("strategy.mm.requote").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequoteKind>))]
public enum RequoteKind
{
    /// <summary>Amend the quote in place (Bitfinex <c>ou</c>); cancel + new where an amend is not possible.</summary>
    [JsonStringEnumMemberName("amend")]
    Amend,

    /// <summary>Cancel the quote and place a new one.</summary>
    [JsonStringEnumMemberName("cancel-new")]
    CancelNew,
}
