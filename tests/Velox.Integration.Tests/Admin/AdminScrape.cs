using System.Globalization;
using System.Text.RegularExpressions;

namespace Velox.Integration.Tests.Admin;

/// <summary>Reads sample values out of a /metrics exposition (the admin unit tests check the format in full).</summary>
internal static partial class AdminScrape
{
    /// <summary>The value of the sample whose name and label text match exactly, e.g. ("velox_messages_total", "venue=\"bitfinex\"").</summary>
    public static double Value(string exposition, string name, string labels)
    {
        var pattern = $"^{Regex.Escape(name)}{Regex.Escape(labels.Length == 0 ? string.Empty : "{" + labels + "}")} (\\S+)$";
        var match = Regex.Match(exposition, pattern, RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, $"no sample {name}{{{labels}}} in:\n{exposition}");
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>All values of a family's samples (any labels).</summary>
    public static IReadOnlyList<double> Values(string exposition, string name) =>
        [.. SampleLine().Matches(exposition).Where(m => m.Groups["name"].Value == name)
            .Select(m => double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
