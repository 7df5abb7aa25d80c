namespace Velox.Admin.Metrics;

/// <summary>Checks metric and label names against the Prometheus data model (at registration, cold).</summary>
public static class MetricNames
{
    /// <summary>[a-zA-Z_:][a-zA-Z0-9_:]*</summary>
    public static bool IsValidMetricName(string name) => IsValid(name, allowColon: true);

    /// <summary>[a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved).</summary>
    public static bool IsValidLabelName(string name) =>
        IsValid(name, allowColon: false) && !name.StartsWith("__", StringComparison.Ordinal);

    internal static void Validate(string name)
    {
        if (!IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name", nameof(name));
        }
    }

    internal static void Validate(ReadOnlySpan<MetricLabel> labels, bool histogram)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i].Name;
            if (!IsValidLabelName(label) || (histogram && label == "le"))
            {
                throw new ArgumentException($"'{label}' is not a valid label name here", nameof(labels));
            }

            ArgumentNullException.ThrowIfNull(labels[i].Value, nameof(labels));
            for (var j = 0; j < i; j++)
            {
                if (labels[j].Name == label)
                {
                    throw new ArgumentException($"label '{label}' given twice", nameof(labels));
                }
            }
        }
    }

    private static bool IsValid(string name, bool allowColon)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
