using System.Globalization;
using System.Text;

namespace Velox.Admin.Tests.Metrics;

/// <summary>One parsed sample line.</summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>One parsed family: HELP, TYPE and its samples in order.</summary>
internal sealed record ExpositionFamily(string Name, string Help, string Type, List<ExpositionSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, written independently of the writer, so tests can
/// check values, escaping and histogram shape by reading the text back.
/// </summary>
internal static class Exposition
{
    public static Dictionary<string, ExpositionFamily> Parse(string text)
    {
        var families = new Dictionary<string, ExpositionFamily>(StringComparer.Ordinal);
        ExpositionFamily? current = null;
        string? pendingHelp = null;
        string? pendingHelpName = null;
        Assert.That(text, Does.EndWith("\n"), "exposition must end with a line feed");
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var rest = line["# HELP ".Length..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                pendingHelpName = rest[..space];
                pendingHelp = UnescapeHelp(rest[(space + 1)..]);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                Assert.That(parts, Has.Length.EqualTo(2), line);
                Assert.That(pendingHelpName, Is.EqualTo(parts[0]), "HELP precedes TYPE of the same family");
                Assert.That(families.ContainsKey(parts[0]), Is.False, $"family {parts[0]} declared twice");
                current = new ExpositionFamily(parts[0], pendingHelp!, parts[1], []);
                families.Add(current.Name, current);
            }
            else
            {
                Assert.That(line, Is.Not.Empty.And.Not.StartWith("#"), "unexpected line");
                Assert.That(current, Is.Not.Null, $"sample before any TYPE: {line}");
                var sample = ParseSample(line);
                var allowed = current!.Type == "histogram"
                    ? new[] { current.Name + "_bucket", current.Name + "_sum", current.Name + "_count" }
                    : new[] { current.Name };
                Assert.That(allowed, Does.Contain(sample.Name), $"sample {sample.Name} outside its family {current.Name}");
                current.Samples.Add(sample);
            }
        }

        return families;
    }

    /// <summary>
    /// Checks a histogram family's shape per label set: buckets with increasing le, non-decreasing counts,
    /// the last bucket +Inf equal to _count, and a _sum.
    /// </summary>
    public static void AssertHistogramShape(ExpositionFamily family)
    {
        Assert.That(family.Type, Is.EqualTo("histogram"));
        foreach (var series in family.Samples.GroupBy(s => SeriesKey(s.Labels)))
        {
            var buckets = series.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            Assert.That(buckets, Is.Not.Empty);
            Assert.That(buckets[^1].Label("le"), Is.EqualTo("+Inf"));
            var previousLe = double.NegativeInfinity;
            var previousCount = 0.0;
            foreach (var bucket in buckets)
            {
                var le = ParseValue(bucket.Label("le"));
                Assert.That(le, Is.GreaterThan(previousLe), "le increases");
                Assert.That(bucket.Value, Is.GreaterThanOrEqualTo(previousCount), "buckets are cumulative");
                previousLe = le;
                previousCount = bucket.Value;
            }

            var count = series.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value;
            Assert.That(buckets[^1].Value, Is.EqualTo(count), "+Inf bucket equals _count");
            Assert.That(series.Count(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)), Is.EqualTo(1));
        }
    }

    public static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string SeriesKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join(",", labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

    private static ExpositionSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var labelName = line[i..eq];
                Assert.That(line[eq + 1], Is.EqualTo('"'), line);
                var value = new StringBuilder();
                var j = eq + 2;
                while (line[j] != '"')
                {
                    if (line[j] == '\\')
                    {
                        j++;
                        value.Append(line[j] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new AssertionException($"bad escape \\{line[j]} in {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[j]);
                    }

                    j++;
                }

                labels.Add(labelName, value.ToString());
                i = j + 1;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        Assert.That(line[i], Is.EqualTo(' '), line);
        return new ExpositionSample(name, labels, ParseValue(line[(i + 1)..]));
    }

    private static string UnescapeHelp(string text)
    {
        var value = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }

            i++;
            value.Append(text[i] switch
            {
                'n' => '\n',
                '\\' => '\\',
                _ => throw new AssertionException($"bad escape in HELP: {text}"),
            });
        }

        return value.ToString();
    }
}
