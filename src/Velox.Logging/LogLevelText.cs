namespace Velox.Logging;

/// <summary>Level names as they appear in lines and configuration ("trace" … "error", "off").</summary>
public static class LogLevelText
{
    private static readonly string[] Names = ["trace", "debug", "info", "warn", "error", "off"];
    private static readonly byte[][] Utf8Names = [.. Names.Select(n => System.Text.Encoding.ASCII.GetBytes(n))];

    /// <summary>The lower-case name of a level.</summary>
    public static string Name(LogLevel level) => Names[(int)level];

    /// <summary>Parses a level name (case-insensitive; "warning" is accepted for warn).</summary>
    public static bool TryParse(string? text, out LogLevel level)
    {
        level = LogLevel.Info;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Equals("warning", StringComparison.OrdinalIgnoreCase))
        {
            level = LogLevel.Warn;
            return true;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (trimmed.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                level = (LogLevel)i;
                return true;
            }
        }

        return false;
    }

    internal static ReadOnlySpan<byte> Utf8(LogLevel level) => Utf8Names[(int)level];

    internal static bool IsValid(LogLevel level) => (uint)level <= (uint)LogLevel.Off;
}
