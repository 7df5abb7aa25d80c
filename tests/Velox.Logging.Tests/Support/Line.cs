using System.Text.Json;

namespace Velox.Logging.Tests.Support;

internal static class Line
{
    /// <summary>Parses one line and asserts the keys every line has, with their JSON types.</summary>
    public static JsonDocument Parse(string line)
    {
        Assert.That(line, Does.EndWith("\n"));
        Assert.That(line.TrimEnd('\n'), Does.Not.Contain("\n"), "one record, one line");
        var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("ts").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(root.GetProperty("level").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(root.GetProperty("component").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(root.GetProperty("event").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(root.GetProperty("fields").ValueKind, Is.EqualTo(JsonValueKind.Object));
        return doc;
    }

    public static string Event(this JsonDocument doc) => doc.RootElement.GetProperty("event").GetString()!;

    public static JsonElement Field(this JsonDocument doc, string name) => doc.RootElement.GetProperty("fields").GetProperty(name);
}
