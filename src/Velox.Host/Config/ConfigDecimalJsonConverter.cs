using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velox.Host.Config;

/// <summary>A <see cref="ConfigDecimal"/> is a JSON string ("0.01"), so no value ever passes through a double.</summary>
public sealed class ConfigDecimalJsonConverter : JsonConverter<ConfigDecimal>
{
    public override ConfigDecimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !ConfigDecimal.TryParse(reader.GetString(), out var value))
        {
            throw new JsonException("expected a decimal string such as \"0.01\"");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, ConfigDecimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
