using System.Globalization;

namespace Velox.Host.Cli;

/// <summary>
/// Parsed "--name value", "--flag" and positional arguments of one velox command. Unknown options and
/// malformed values are reported as errors (exit code 2), never guessed.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private CliArguments()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Parses args[start..]; options must be among the declared flags or valued options.</summary>
    public static bool TryParse(
        string[] args, int start, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued,
        out CliArguments parsed, out string error)
    {
        parsed = new CliArguments();
        error = string.Empty;
        for (var i = start; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed._positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            if (flags.Contains(name))
            {
                if (inlineValue is not null)
                {
                    error = $"option --{name} takes no value";
                    return false;
                }

                parsed._flags.Add(name);
            }
            else if (valued.Contains(name))
            {
                var value = inlineValue;
                if (value is null)
                {
                    if (i + 1 >= args.Length)
                    {
                        error = $"option --{name} needs a value";
                        return false;
                    }

                    value = args[++i];
                }

                parsed._values[name] = value;
            }
            else
            {
                error = $"unknown option --{name}";
                return false;
            }
        }

        return true;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>An integer option within [min, max], or the default when absent.</summary>
    public bool TryGetInt(string name, int defaultValue, int min, int max, out int value, out string error)
    {
        error = string.Empty;
        value = defaultValue;
        var text = Get(name);
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            error = $"--{name} must be an integer from {min} to {max}, not '{text}'";
            return false;
        }

        return true;
    }

    /// <summary>A duration in seconds (fractions allowed) within (0, max], or null when absent.</summary>
    public bool TryGetSeconds(string name, double max, out TimeSpan? value, out string error)
    {
        error = string.Empty;
        value = null;
        var text = Get(name);
        if (text is null)
        {
            return true;
        }

        var trimmed = text.EndsWith('s') ? text[..^1] : text;
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
            !(seconds > 0) || seconds > max)
        {
            error = $"--{name} must be a number of seconds greater than 0 and at most {max}, not '{text}'";
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
