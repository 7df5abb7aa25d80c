using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Velox.Host.Config;

/// <summary>
/// Walks a parsed configuration file against the source-generated metadata of <see cref="VeloxConfig"/> and
/// reports every unknown or duplicate key, wrong type and invalid name at once ("$.risk.maxPosition: …").
/// Returns a copy holding only the values that passed, so the remaining fields can still be bound and checked.
/// </summary>
internal sealed class ConfigShape
{
    private readonly List<ConfigError> _errors;
    private readonly List<string> _setPaths;
    private readonly HashSet<string> _failedPaths;

    private ConfigShape(List<ConfigError> errors, List<string> setPaths, HashSet<string> failedPaths)
    {
        _errors = errors;
        _setPaths = setPaths;
        _failedPaths = failedPaths;
    }

    /// <summary>
    /// Checks the whole file; <paramref name="setPaths"/> receives the dotted path of every value it sets,
    /// <paramref name="failedPaths"/> that of every value it rejected.
    /// </summary>
    public static JsonObject Check(JsonElement root, List<ConfigError> errors, List<string> setPaths, HashSet<string> failedPaths)
    {
        var shape = new ConfigShape(errors, setPaths, failedPaths);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError("$", $"expected an object at the top level, got {root.ValueKind.ToString().ToLowerInvariant()}"));
            return [];
        }

        return shape.TryNode(root, ConfigSchema.TypeInfo(typeof(VeloxConfig)), nullable: false, string.Empty, out var node)
            ? (JsonObject)node!
            : [];
    }

    private bool TryNode(JsonElement element, JsonTypeInfo info, bool nullable, string path, out JsonNode? node)
    {
        node = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (nullable)
            {
                _setPaths.Add(path);
                return true;
            }

            Fail(path, info.Kind switch
            {
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "must be an object, not null",
                JsonTypeInfoKind.Enumerable => "must be a list, not null",
                _ => $"must not be null ({ConfigValue.Expected(Nullable.GetUnderlyingType(info.Type) ?? info.Type)})",
            });
            return false;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return TryObject(element, info, path, out node);
            case JsonTypeInfoKind.Dictionary:
                return TryDictionary(element, info, path, out node);
            case JsonTypeInfoKind.Enumerable:
                return TryList(element, info, path, out node);
            default:
                if (!ConfigValue.TryFromElement(element, info, ConfigSchema.IsSecret(path), out node, out var problem))
                {
                    Fail(path, problem);
                    return false;
                }

                _setPaths.Add(path);
                return true;
        }
    }

    private bool TryObject(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
    {
        node = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(path, $"expected an object, got {element.ValueKind.ToString().ToLowerInvariant()}");
            return false;
        }

        var duplicates = FindDuplicates(element, path);
        var result = new JsonObject();
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = Join(path, member.Name);
            if (duplicates.Contains(member.Name))
            {
                continue;
            }

            var property = FindProperty(info, member.Name);
            if (property is null)
            {
                var similar = FindSimilar(info, member.Name);
                Fail(memberPath, similar is null ? "unknown key" : $"unknown key (did you mean {similar}?)");
                continue;
            }

            if (TryNode(member.Value, ConfigSchema.TypeInfo(property.PropertyType), property.IsSetNullable, memberPath, out var child))
            {
                result[member.Name] = child;
            }
        }

        node = result;
        return true;
    }

    private bool TryDictionary(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
    {
        node = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(path, $"expected an object, got {element.ValueKind.ToString().ToLowerInvariant()}");
            return false;
        }

        var valueInfo = ConfigSchema.TypeInfo(info.ElementType!);
        var duplicates = FindDuplicates(element, path);
        var result = new JsonObject();
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = Join(path, member.Name);
            if (duplicates.Contains(member.Name))
            {
                continue;
            }

            if (TryNode(member.Value, valueInfo, nullable: false, memberPath, out var child))
            {
                result[member.Name] = child;
            }
        }

        node = result;
        return true;
    }

    private bool TryList(JsonElement element, JsonTypeInfo info, string path, out JsonNode? node)
    {
        node = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            Fail(path, $"expected a list, got {element.ValueKind.ToString().ToLowerInvariant()}");
            return false;
        }

        var itemInfo = ConfigSchema.TypeInfo(info.ElementType!);
        var result = new JsonArray();
        var ok = true;
        var index = 0;
        var before = _setPaths.Count;
        foreach (var item in element.EnumerateArray())
        {
            if (TryNode(item, itemInfo, nullable: false, $"{path}[{index}]", out var child))
            {
                result.Add(child);
            }
            else
            {
                ok = false;
            }

            index++;
        }

        // The list is one value: its source is recorded once, for the list.
        _setPaths.RemoveRange(before, _setPaths.Count - before);
        if (ok)
        {
            _setPaths.Add(path);
            node = result;
        }

        return ok;
    }

    /// <summary>Reports each key that occurs more than once in an object; none of its values is used.</summary>
    private HashSet<string> FindDuplicates(JsonElement element, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!seen.Add(member.Name) && duplicates.Add(member.Name))
            {
                Fail(Join(path, member.Name), "duplicate key");
            }
        }

        return duplicates;
    }

    internal static JsonPropertyInfo? FindProperty(JsonTypeInfo info, string name)
    {
        foreach (var property in info.Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }

    private static string? FindSimilar(JsonTypeInfo info, string name)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) || Distance(property.Name, name) <= 2)
            {
                return property.Name;
            }
        }

        return null;
    }

    /// <summary>Edit distance, for "did you mean"; names are short.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private void Fail(string path, string message)
    {
        _failedPaths.Add(path);
        _errors.Add(new ConfigError(path.Length == 0 ? "$" : "$." + path, message));
    }
}
