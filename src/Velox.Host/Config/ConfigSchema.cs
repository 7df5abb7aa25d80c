using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Velox.Host.Config;

/// <summary>
/// What the configuration knows beyond its types: venue names, secret fields, the environment-variable naming
/// rule and its allow-list. Keys and types come from the source-generated metadata of <see cref="VeloxConfig"/>.
/// </summary>
public static class ConfigSchema
{
    /// <summary>What a secret value is printed as.</summary>
    public const string Redacted = "***";

    /// <summary>Prefix of override variables: VELOX_RISK__MAX_POSITION → risk.maxPosition.</summary>
    public const string EnvironmentPrefix = "VELOX_";

    /// <summary>Venues velox has a connector for.</summary>
    public static IReadOnlyList<string> KnownVenues { get; } =
        ["bitfinex", "binance", "binance-usdm", "okx", "kraken", "coinbase", "bybit", "gateio", "htx", "mexc"];

    /// <summary>Fields whose values are never printed (show, errors, ToString).</summary>
    public static IReadOnlyList<string> SecretPaths { get; } = ["admin.killToken"];

    /// <summary>VELOX_ variables that are not configuration fields but are read by other parts of velox and its build.</summary>
    public static IReadOnlyList<string> OtherVariables { get; } =
        ["VELOX_SHARED_DIR", "VELOX_AOT_BINARY", "VELOX_NATIVE_LIB", "VELOX_CONFIGURATION", "VELOX_PERF_GATE_INJECT_ALLOCATION"];

    /// <summary>Suffixes of credential variables, after VELOX_&lt;VENUE&gt;: the venue's key, secret and (OKX) passphrase.</summary>
    public static IReadOnlyList<string> CredentialSuffixes { get; } = ["_API_KEY", "_API_SECRET", "_API_PASSPHRASE"];

    /// <summary>Variables without the VELOX_ prefix that set a field (Hummingbot names).</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ARB_MIN_PROFIT_MARGIN_BPS"] = "strategy.arb.minProfitMarginBps",
    };

    private static readonly Dictionary<Type, string[]> EnumNameTable = new()
    {
        [typeof(RunMode)] = NamesOf(VeloxConfigJsonContext.Default.RunMode),
        [typeof(DataSourceKind)] = NamesOf(VeloxConfigJsonContext.Default.DataSourceKind),
        [typeof(StrategyKind)] = NamesOf(VeloxConfigJsonContext.Default.StrategyKind),
        [typeof(LogLevel)] = NamesOf(VeloxConfigJsonContext.Default.LogLevel),
        [typeof(RequoteKind)] = NamesOf(VeloxConfigJsonContext.Default.RequoteKind),
        [typeof(BreakerModeKind)] = NamesOf(VeloxConfigJsonContext.Default.BreakerModeKind),
    };

    /// <summary>True for a field whose value must never be printed.</summary>
    public static bool IsSecret(string path)
    {
        foreach (var secret in SecretPaths)
        {
            if (path == secret)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON names of an enum used in the configuration ("dry-run", "paper", "live").</summary>
    public static IReadOnlyList<string> EnumNames(Type enumType) =>
        EnumNameTable.TryGetValue(enumType, out var names) ? names : [];

    /// <summary>True for VELOX_&lt;VENUE&gt;_API_KEY, _API_SECRET or _API_PASSPHRASE of a known venue.</summary>
    public static bool IsCredentialVariable(string name) => TryParseCredentialVariable(name, out _, out _);

    /// <summary>The venue and suffix of a credential variable.</summary>
    public static bool TryParseCredentialVariable(string name, out string venue, out string suffix)
    {
        foreach (var known in KnownVenues)
        {
            foreach (var candidate in CredentialSuffixes)
            {
                if (name == CredentialVariable(known, candidate))
                {
                    venue = known;
                    suffix = candidate;
                    return true;
                }
            }
        }

        venue = string.Empty;
        suffix = string.Empty;
        return false;
    }

    /// <summary>VELOX_BITFINEX_API_KEY for ("bitfinex", "_API_KEY"); a '-' in the venue becomes '_' (VELOX_BINANCE_USDM_API_KEY).</summary>
    public static string CredentialVariable(string venue, string suffix) =>
        EnvironmentPrefix + venue.ToUpperInvariant().Replace('-', '_') + suffix;

    /// <summary>The override variable of a field: risk.maxPosition → VELOX_RISK__MAX_POSITION.</summary>
    public static string VariableOf(string path)
    {
        var text = new StringBuilder(EnvironmentPrefix);
        foreach (var c in path)
        {
            if (c == '.')
            {
                text.Append("__");
            }
            else if (char.IsUpper(c))
            {
                text.Append('_').Append(c);
            }
            else
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The field path a VELOX_ variable names, before checking that the field exists:
    /// VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS → strategy.arb.minProfitMarginBps. False for a malformed name.
    /// </summary>
    public static bool TryPathOf(string variable, out string[] segments)
    {
        segments = [];
        if (!variable.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = variable[EnvironmentPrefix.Length..].Split("__");
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryCamelCase(parts[i], out var key))
            {
                return false;
            }

            parts[i] = key;
        }

        segments = parts;
        return true;
    }

    internal static JsonTypeInfo TypeInfo(Type type) =>
        VeloxConfigJsonContext.Default.GetTypeInfo(type) ??
        throw new InvalidOperationException($"no JSON metadata for {type.Name}: add it to {nameof(VeloxConfigJsonContext)}");

    private static bool TryCamelCase(string upperSnake, out string key)
    {
        key = string.Empty;
        var words = upperSnake.Split('_');
        var text = new StringBuilder(upperSnake.Length);
        foreach (var word in words)
        {
            if (word.Length == 0)
            {
                return false;
            }

            foreach (var c in word)
            {
                if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            var lower = word.ToLowerInvariant();
            text.Append(text.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..]);
        }

        key = text.ToString();
        return true;
    }

    private static string[] NamesOf<T>(JsonTypeInfo<T> info)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = JsonSerializer.Serialize(values[i], info).Trim('"');
        }

        return names;
    }
}
