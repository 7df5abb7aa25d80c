using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Velox.Host.Config;

/// <summary>
/// Checks one leaf value — from the file (a JSON element) or from the environment (text typed by the target
/// field) — against the field's type, and turns it into a JSON node for binding. Problems never quote a secret.
/// </summary>
internal static class ConfigValue
{
    /// <summary>Checks a JSON value for a leaf field of type <paramref name="info"/>.</summary>
    public static bool TryFromElement(JsonElement element, JsonTypeInfo info, bool secret, out JsonNode? node, out string problem)
    {
        node = null;
        problem = string.Empty;
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var ok = element.ValueKind switch
        {
            JsonValueKind.Number when type == typeof(int) => element.TryGetInt32(out _),
            JsonValueKind.Number when type == typeof(long) => element.TryGetInt64(out _),
            JsonValueKind.Number when type == typeof(double) => element.TryGetDouble(out var d) && double.IsFinite(d),
            JsonValueKind.True or JsonValueKind.False => type == typeof(bool),
            JsonValueKind.String when type == typeof(string) => true,
            JsonValueKind.String when type == typeof(ConfigDecimal) => ConfigDecimal.TryParse(element.GetString(), out _),
            JsonValueKind.String when type.IsEnum => Contains(ConfigSchema.EnumNames(type), element.GetString()),
            _ => false,
        };
        if (!ok)
        {
            var guess = type.IsEnum && element.ValueKind == JsonValueKind.String && !secret ? DidYouMean(type, element.GetString()) : string.Empty;
            problem = $"{Expected(type)}, got {Show(element, secret)}{guess}";
            return false;
        }

        node = JsonValue.Create(element.Clone());
        return true;
    }

    /// <summary>Converts an environment value to the type of the field: numbers, booleans, decimals, names, comma-separated lists.</summary>
    public static bool TryFromText(string text, JsonTypeInfo info, bool nullable, bool secret, out JsonNode? node, out string problem)
    {
        node = null;
        problem = string.Empty;
        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            var elementInfo = ConfigSchema.TypeInfo(info.ElementType!);
            var array = new JsonArray();
            if (text.Trim().Length > 0)
            {
                foreach (var part in text.Split(','))
                {
                    if (!TryFromText(part.Trim(), elementInfo, nullable: false, secret, out var item, out problem))
                    {
                        problem = $"list item {problem}";
                        return false;
                    }

                    array.Add(item);
                }
            }

            node = array;
            return true;
        }

        if (nullable && text.Length == 0)
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        var shown = secret ? "(value hidden)" : $"\"{text}\"";
        if (type == typeof(string))
        {
            node = JsonValue.Create(text);
        }
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            node = JsonValue.Create(i);
        }
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            node = JsonValue.Create(l);
        }
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            node = JsonValue.Create(d);
        }
        else if (type == typeof(bool) && TryParseBool(text, out var b))
        {
            node = JsonValue.Create(b);
        }
        else if (type == typeof(ConfigDecimal) && ConfigDecimal.TryParse(text, out _))
        {
            node = JsonValue.Create(text);
        }
        else if (type.IsEnum && Contains(ConfigSchema.EnumNames(type), text))
        {
            node = JsonValue.Create(text);
        }
        else
        {
            problem = $"{NotA(type)}: {shown}{(type.IsEnum && !secret ? DidYouMean(type, text) : string.Empty)}";
            return false;
        }

        return true;
    }

    /// <summary>"an integer", "a decimal string such as \"0.01\"", "one of dry-run, paper, live".</summary>
    public static string Expected(Type type)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            return "expected an integer";
        }

        if (type == typeof(double))
        {
            return "expected a number";
        }

        if (type == typeof(bool))
        {
            return "expected true or false";
        }

        if (type == typeof(ConfigDecimal))
        {
            return "expected a decimal string such as \"0.01\"";
        }

        return type.IsEnum ? $"expected one of {string.Join(", ", ConfigSchema.EnumNames(type))}" : "expected a string";
    }

    private static string NotA(Type type)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            return "not an integer";
        }

        if (type == typeof(double))
        {
            return "not a number";
        }

        if (type == typeof(bool))
        {
            return "not a boolean (true/false)";
        }

        if (type == typeof(ConfigDecimal))
        {
            return "not a decimal";
        }

        return type.IsEnum ? $"not one of {string.Join(", ", ConfigSchema.EnumNames(type))}" : "not a valid value";
    }

    private static bool TryParseBool(string text, out bool value)
    {
        value = text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>" (did you mean reduce-only?)" when a name of the enum is close to <paramref name="text"/>, else empty.</summary>
    private static string DidYouMean(Type enumType, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var name in ConfigSchema.EnumNames(enumType))
        {
            if (string.Equals(name.Replace("-", string.Empty), text.Replace("-", string.Empty).Replace("_", string.Empty), StringComparison.OrdinalIgnoreCase)
                || ConfigShape.Distance(name, text) <= 2)
            {
                return $" (did you mean {name}?)";
            }
        }

        return string.Empty;
    }

    private static bool Contains(IReadOnlyList<string> names, string? name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string Show(JsonElement element, bool secret)
    {
        var kind = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.Null => "null",
            _ => "boolean",
        };
        if (secret || element.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
        {
            return secret ? $"{kind} (value hidden)" : kind;
        }

        var raw = element.GetRawText();
        return $"{kind} {(raw.Length > 60 ? raw[..60] + "…" : raw)}";
    }
}
