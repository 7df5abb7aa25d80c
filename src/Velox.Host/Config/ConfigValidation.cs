using System.Globalization;
using System.Net;
using Velox.Ipc.LogBuffers;

namespace Velox.Host.Config;

/// <summary>
/// Checks the bound configuration's values: ranges, names, cross-field contradictions and the CPU plan against
/// the machine. Each problem names the field and, when the value was overridden, where it came from.
/// </summary>
internal sealed class ConfigValidation
{
    private const int MaxBps = 10_000;

    private readonly VeloxConfig _config;
    private readonly IReadOnlyDictionary<string, string> _sources;
    private readonly List<ConfigError> _errors;
    private readonly IReadOnlySet<string> _failedPaths;

    private ConfigValidation(VeloxConfig config, IReadOnlyDictionary<string, string> sources, IReadOnlySet<string> failedPaths, List<ConfigError> errors)
    {
        _config = config;
        _sources = sources;
        _failedPaths = failedPaths;
        _errors = errors;
    }

    /// <summary>
    /// Adds every problem of <paramref name="config"/> to <paramref name="errors"/>, except about fields in
    /// <paramref name="failedPaths"/>: their value was rejected already and the default checked here would mislead.
    /// </summary>
    public static void Check(
        VeloxConfig config, IReadOnlyDictionary<string, string> sources, IReadOnlySet<string> failedPaths, int machineCpuCount, List<ConfigError> errors)
    {
        var validation = new ConfigValidation(config, sources, failedPaths, errors);
        validation.CheckVenues();
        validation.CheckMode();
        validation.CheckSimulator();
        validation.CheckStrategy();
        validation.CheckRisk();
        validation.CheckAdmin();
        validation.CheckLogging();
        validation.CheckCpus(machineCpuCount);
        validation.CheckStorage();
    }

    private void CheckVenues()
    {
        if (_config.Venues.Count == 0)
        {
            Fail("venues", "needs at least one venue");
        }

        CheckVenueList("venues", _config.Venues);
    }

    private void CheckVenueList(string path, IReadOnlyList<string> venues)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < venues.Count; i++)
        {
            var venue = venues[i];
            if (!IsKnownVenue(venue))
            {
                Fail($"{path}[{i}]", $"unknown venue \"{venue}\" (known: {string.Join(", ", ConfigSchema.KnownVenues)})", path);
            }
            else if (!seen.Add(venue))
            {
                Fail($"{path}[{i}]", $"\"{venue}\" is listed twice", path);
            }
        }
    }

    private void CheckMode()
    {
        if (_config.Mode == RunMode.Live && _config.DataSource == DataSourceKind.Replay)
        {
            Fail("dataSource", "replay cannot drive live orders: use mode dry-run or paper with a replay", "mode");
        }
    }

    private void CheckSimulator()
    {
        var sim = _config.Simulator;
        Range("simulator.eventsPerSecond", sim.EventsPerSecond, 1, 10_000_000);
        Range("simulator.port", sim.Port, 0, 65535);
        Range("simulator.bookLength", sim.BookLength, 1, 250);
    }

    private void CheckStrategy()
    {
        var strategy = _config.Strategy;
        var mm = strategy.Mm;
        var arb = strategy.Arb;
        Range("strategy.mm.spreadBps", mm.SpreadBps, 1, MaxBps);
        Range("strategy.mm.levels", mm.Levels, 1, 20);
        Range("strategy.mm.requoteThresholdBps", mm.RequoteThresholdBps, 0, MaxBps);
        Range("strategy.mm.inventorySkewBps", mm.InventorySkewBps, 0, MaxBps);
        if (!(mm.ImbalanceWeight >= 0 && mm.ImbalanceWeight <= 1))
        {
            Fail("strategy.mm.imbalanceWeight", $"must be from 0 to 1, got {mm.ImbalanceWeight.ToString(CultureInfo.InvariantCulture)}");
        }

        NotNegative("strategy.mm.size", mm.Size);
        NotNegative("strategy.mm.inventoryLimit", mm.InventoryLimit);
        Range("strategy.arb.minProfitMarginBps", arb.MinProfitMarginBps, 0, MaxBps);
        Range("strategy.arb.slippageBps", arb.SlippageBps, 0, MaxBps - 1);
        Range("strategy.arb.maxDataAgeMillis", arb.MaxDataAgeMillis, 1, 60_000);
        NotNegative("strategy.arb.size", arb.Size);
        CheckVenueList("strategy.arb.venues", arb.Venues);

        if (strategy.Kind == StrategyKind.MarketMaking)
        {
            Required("strategy.mm.instrument", mm.Instrument, "strategy.kind is mm");
            Positive("strategy.mm.size", mm.Size);
            Positive("strategy.mm.inventoryLimit", mm.InventoryLimit);
            WithinOrderSize("strategy.mm.size", mm.Size);
        }
        else if (strategy.Kind == StrategyKind.Arbitrage)
        {
            Required("strategy.arb.instrument", arb.Instrument, "strategy.kind is arb");
            Positive("strategy.arb.size", arb.Size);
            WithinOrderSize("strategy.arb.size", arb.Size);
            if (arb.Venues.Count < 2)
            {
                Fail("strategy.arb.venues", $"arbitrage needs at least 2 venues, got {arb.Venues.Count}");
            }

            for (var i = 0; i < arb.Venues.Count; i++)
            {
                if (IsKnownVenue(arb.Venues[i]) && !_config.Venues.Contains(arb.Venues[i]))
                {
                    Fail($"strategy.arb.venues[{i}]", $"\"{arb.Venues[i]}\" is not in venues, so it is not connected", "strategy.arb.venues");
                }
            }
        }
    }

    private void CheckRisk()
    {
        var risk = _config.Risk;
        Positive("risk.maxOrderSize", risk.MaxOrderSize);
        Positive("risk.maxOrderNotional", risk.MaxOrderNotional);
        Positive("risk.maxPosition", risk.MaxPosition);
        Range("risk.maxOpenOrders", risk.MaxOpenOrders, 1, 100_000);
        Range("risk.priceBandBps", risk.PriceBandBps, 1, MaxBps);
        Range("risk.maxOrdersPerSecond", risk.MaxOrdersPerSecond, 1, 100_000);
        Range("risk.staleDataMillis", risk.StaleDataMillis, 1, 60_000);
        NotNegative("risk.breakers.maxDrawdown", risk.Breakers.MaxDrawdown);
        NotNegative("risk.breakers.maxDailyLoss", risk.Breakers.MaxDailyLoss);
        Range("risk.breakers.maxRejectRatePerMinute", risk.Breakers.MaxRejectRatePerMinute, 0, 1_000_000);
        Range("risk.breakers.maxMoveBps", risk.Breakers.MaxMoveBps, 0, 1_000_000);
        Range("risk.breakers.volatilityWindowMillis", risk.Breakers.VolatilityWindowMillis, 1, 86_400_000);
    }

    private void CheckAdmin()
    {
        var admin = _config.Admin;
        Range("admin.port", admin.Port, 0, 65535);
        if (!IPAddress.TryParse(admin.Bind, out var address))
        {
            Fail("admin.bind", $"not an IP address: \"{admin.Bind}\"");
        }
        else if (admin.Enabled && !IPAddress.IsLoopback(address) && string.IsNullOrEmpty(admin.KillToken))
        {
            Fail("admin.killToken", $"required when admin.bind is not a loopback address ({admin.Bind})", "admin.bind");
        }

        if (admin.KillToken is { } token && token.Length < 16)
        {
            // The message gives the rule, never the token or its length.
            Fail("admin.killToken", "must be at least 16 characters");
        }
    }

    private void CheckLogging()
    {
        var logging = _config.Logging;
        foreach (var component in logging.Components.Keys)
        {
            if (!IsComponentName(component))
            {
                Fail($"logging.components.{component}", "component names are lower-case letters, digits and '-'");
            }
        }

        if (logging.File is { } file && file.Trim().Length == 0)
        {
            Fail("logging.file", "must be a path or null, not empty");
        }

        if (logging.MaxFileBytes < 4096)
        {
            Fail("logging.maxFileBytes", $"must be at least 4096, got {logging.MaxFileBytes}");
        }

        Range("logging.maxFiles", logging.MaxFiles, 1, 1000);
    }

    private void CheckCpus(int machineCpuCount)
    {
        var cpus = _config.Cpus;
        var machine = machineCpuCount == 1 ? "CPU 0" : $"CPUs 0-{machineCpuCount - 1}";
        if (cpus.Housekeeping.Count == 0)
        {
            Fail("cpus.housekeeping", "needs at least one CPU for the OS, admin and logging");
        }

        CheckCpuList("cpus.housekeeping", cpus.Housekeeping, machineCpuCount, machine);
        CheckCpuList("cpus.isolated", cpus.Isolated, machineCpuCount, machine);
        for (var i = 0; i < cpus.Isolated.Count; i++)
        {
            if (cpus.Housekeeping.Contains(cpus.Isolated[i]))
            {
                Fail($"cpus.isolated[{i}]", $"CPU {cpus.Isolated[i]} is also a housekeeping CPU", "cpus.isolated");
            }
        }

        var owners = new Dictionary<int, string>();
        CheckRole("cpus.md", cpus.Md, owners, machineCpuCount, machine);
        CheckRole("cpus.engine", cpus.Engine, owners, machineCpuCount, machine);
        CheckRole("cpus.orderGateway", cpus.OrderGateway, owners, machineCpuCount, machine);
    }

    private void CheckCpuList(string path, IReadOnlyList<int> list, int machineCpuCount, string machine)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] < 0 || list[i] >= machineCpuCount)
            {
                Fail($"{path}[{i}]", $"CPU {list[i]} does not exist on this machine ({machine})", path);
            }
            else if (!seen.Add(list[i]))
            {
                Fail($"{path}[{i}]", $"CPU {list[i]} is listed twice", path);
            }
        }
    }

    private void CheckRole(string path, int? cpu, Dictionary<int, string> owners, int machineCpuCount, string machine)
    {
        if (cpu is not { } id)
        {
            return;
        }

        var cpus = _config.Cpus;
        if (id < 0 || id >= machineCpuCount)
        {
            Fail(path, $"CPU {id} does not exist on this machine ({machine})");
        }
        else if (cpus.Housekeeping.Contains(id))
        {
            Fail(path, $"CPU {id} is a housekeeping CPU; a spinning role needs one of cpus.isolated");
        }
        else if (!cpus.Isolated.Contains(id))
        {
            Fail(path, $"CPU {id} is not in cpus.isolated");
        }
        else if (owners.TryGetValue(id, out var owner))
        {
            Fail(path, $"CPU {id} is already given to {owner}; two spinning roles cannot share an isolated CPU");
        }
        else
        {
            owners[id] = path;
        }
    }

    private void CheckStorage()
    {
        if (_config.Ipc.Directory.Trim().Length == 0)
        {
            Fail("ipc.directory", "must not be empty");
        }

        if (!LogBufferDescriptor.IsValidTermLength(_config.Ipc.TermLength))
        {
            Fail("ipc.termLength", $"must be a power of two from 65536 (64 KiB) to 1073741824 (1 GiB), got {_config.Ipc.TermLength}");
        }

        if (_config.Journal.Path.Trim().Length == 0)
        {
            Fail("journal.path", "must not be empty");
        }

        if (_config.Credentials.File is { } file && file.Trim().Length == 0)
        {
            Fail("credentials.file", "must be a path or null, not empty");
        }
    }

    private void Range(string path, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Fail(path, $"must be from {min} to {max}, got {value}");
        }
    }

    private void Positive(string path, ConfigDecimal value)
    {
        // A negative value may already be reported by NotNegative; say it once.
        if (!value.IsPositive && !HasError(path))
        {
            Fail(path, $"must be > 0, got \"{value}\"");
        }
    }

    private void NotNegative(string path, ConfigDecimal value)
    {
        if (value.IsNegative)
        {
            Fail(path, $"must be >= 0, got \"{value}\"");
        }
    }

    private void WithinOrderSize(string path, ConfigDecimal size)
    {
        if (size.IsPositive && _config.Risk.MaxOrderSize.IsPositive && size.CompareTo(_config.Risk.MaxOrderSize) > 0)
        {
            Fail(path, $"\"{size}\" exceeds risk.maxOrderSize \"{_config.Risk.MaxOrderSize}\": every order would be rejected");
        }
    }

    private void Required(string path, string? value, string because)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(path, $"required when {because}");
        }
    }

    private bool HasError(string path)
    {
        foreach (var error in _errors)
        {
            if (error.Path == path)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one path is the other or lies inside it ("a.b" and "a.b[1]", "a.b.c").</summary>
    private static bool Overlaps(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return longer.StartsWith(shorter, StringComparison.Ordinal) &&
               (longer.Length == shorter.Length || longer[shorter.Length] is '.' or '[');
    }

    private static bool IsKnownVenue(string venue) => ConfigSchema.KnownVenues.Contains(venue);

    private static bool IsComponentName(string name)
    {
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a problem; <paramref name="sourcePath"/> is the field whose override, if any, is named as the cause.</summary>
    private void Fail(string path, string message, string? sourcePath = null)
    {
        foreach (var failed in _failedPaths)
        {
            if (Overlaps(failed, path) || (sourcePath is not null && Overlaps(failed, sourcePath)))
            {
                return;
            }
        }

        var source = _sources.TryGetValue(sourcePath ?? path, out var from) ? $" (set by {from})" : string.Empty;
        _errors.Add(new ConfigError(path, message + source));
    }
}
