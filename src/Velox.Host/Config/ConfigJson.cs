using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Velox.Host.Config;

/// <summary>The configuration as JSON through the source-generated context; secrets are replaced unless asked otherwise.</summary>
public static class ConfigJson
{
    /// <summary>JSON text of <paramref name="config"/> with every secret field that is set printed as "***".</summary>
    public static string Write(VeloxConfig config, bool indented)
    {
        var node = ToNode(config, redact: true);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The configuration as a JSON tree (keys in declaration order).</summary>
    internal static JsonObject ToNode(VeloxConfig config, bool redact)
    {
        var node = JsonSerializer.SerializeToNode(config, VeloxConfigJsonContext.Default.VeloxConfig)!.AsObject();
        if (redact)
        {
            foreach (var path in ConfigSchema.SecretPaths)
            {
                var segments = path.Split('.');
                var parent = node;
                for (var i = 0; i < segments.Length - 1 && parent is not null; i++)
                {
                    parent = parent[segments[i]] as JsonObject;
                }

                if (parent is not null && parent[segments[^1]] is not null)
                {
                    parent[segments[^1]] = ConfigSchema.Redacted;
                }
            }
        }

        return node;
    }

    /// <summary>The value at a dotted path as JSON text, "***" for a secret that is set.</summary>
    internal static string Display(JsonObject root, string path)
    {
        JsonNode? current = root;
        foreach (var segment in path.Split('.'))
        {
            current = current is JsonObject obj ? obj[segment] : null;
        }

        if (current is null)
        {
            return "null";
        }

        return ConfigSchema.IsSecret(path) ? $"\"{ConfigSchema.Redacted}\"" : current.ToJsonString();
    }
}
