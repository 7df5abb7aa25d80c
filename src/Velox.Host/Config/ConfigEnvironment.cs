using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Velox.Host.Config;

/// <summary>
/// Applies environment overrides to the file's values: VELOX_ prefix, "__" between nesting levels, "_" between
/// the words of a camelCase key (VELOX_RISK__MAX_POSITION → risk.maxPosition), plus the aliases of
/// <see cref="ConfigSchema.Aliases"/>. Values are typed by the target field; lists are comma-separated. A VELOX_
/// variable that names no field, credential or allow-listed variable is an error.
/// </summary>
internal static class ConfigEnvironment
{
    /// <summary>
    /// Sets every override into <paramref name="root"/>; records (path, variable) pairs in <paramref name="sources"/>
    /// and the paths of rejected values in <paramref name="failedPaths"/>.
    /// </summary>
    public static void Apply(
        IReadOnlyDictionary<string, string> environment,
        JsonObject root,
        List<ConfigError> errors,
        List<(string Path, string Variable)> sources,
        HashSet<string> failedPaths)
    {
        var names = new List<string>(environment.Keys);
        names.Sort(StringComparer.Ordinal);
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            string[] segments;
            if (ConfigSchema.Aliases.TryGetValue(name, out var aliasPath))
            {
                segments = aliasPath.Split('.');
            }
            else if (!name.StartsWith(ConfigSchema.EnvironmentPrefix, StringComparison.Ordinal) ||
                     ConfigSchema.IsCredentialVariable(name) || Contains(ConfigSchema.OtherVariables, name))
            {
                continue;
            }
            else if (!ConfigSchema.TryPathOf(name, out segments))
            {
                errors.Add(new ConfigError($"env {name}", "not a configuration variable (expected VELOX_SECTION__WORD_WORD in upper case)"));
                continue;
            }

            if (!TryResolve(segments, out var info, out var nullable, out var path, out var problem))
            {
                errors.Add(new ConfigError($"env {name}", problem));
                continue;
            }

            var secret = ConfigSchema.IsSecret(path);
            if (!ConfigValue.TryFromText(environment[name], info, nullable, secret, out var node, out problem))
            {
                failedPaths.Add(path);
                errors.Add(new ConfigError($"env {name}", problem));
                continue;
            }

            if (applied.TryGetValue(path, out var other))
            {
                var same = JsonNode.DeepEquals(node, Get(root, segments));
                if (!same)
                {
                    errors.Add(new ConfigError($"env {name}", $"sets {path} like {other} but to a different value; unset one of them"));
                }

                continue;
            }

            Set(root, segments, node);
            applied[path] = name;
            sources.Add((path, name));
        }
    }

    /// <summary>Finds the leaf field a path names, through objects and dictionaries.</summary>
    private static bool TryResolve(string[] segments, out JsonTypeInfo info, out bool nullable, out string path, out string problem)
    {
        info = ConfigSchema.TypeInfo(typeof(VeloxConfig));
        nullable = false;
        path = string.Empty;
        problem = string.Empty;
        foreach (var segment in segments)
        {
            var next = path.Length == 0 ? segment : $"{path}.{segment}";
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                var property = ConfigShape.FindProperty(info, segment);
                if (property is null)
                {
                    problem = path.Length == 0 ? $"unknown key {next}" : $"unknown key {next} ({path} has no field {segment})";
                    return false;
                }

                nullable = property.IsSetNullable;
                info = ConfigSchema.TypeInfo(property.PropertyType);
            }
            else if (info.Kind == JsonTypeInfoKind.Dictionary)
            {
                nullable = false;
                info = ConfigSchema.TypeInfo(info.ElementType!);
            }
            else
            {
                problem = $"unknown key {next} ({path} is a value, not a section)";
                return false;
            }

            path = next;
        }

        if (info.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary)
        {
            problem = $"{path} is a section; set its fields one by one ({ConfigSchema.VariableOf(path)}__FIELD)";
            return false;
        }

        return true;
    }

    private static void Set(JsonObject root, string[] segments, JsonNode? value)
    {
        var current = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (current[segments[i]] is not JsonObject child)
            {
                child = [];
                current[segments[i]] = child;
            }

            current = child;
        }

        current[segments[^1]] = value;
    }

    private static JsonNode? Get(JsonObject root, string[] segments)
    {
        JsonNode? current = root;
        foreach (var segment in segments)
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        return current;
    }

    private static bool Contains(IReadOnlyList<string> list, string name)
    {
        foreach (var item in list)
        {
            if (item == name)
            {
                return true;
            }
        }

        return false;
    }
}
