using Velox.Host.Config;
using Velox.Testing;

namespace Velox.Host.Tests.Config;

public class ConfigLoaderTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Defaults_alone_are_valid()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.NoEnvironment, 1);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        var config = result.Config!;
        Assert.That(config.Mode, Is.EqualTo(RunMode.DryRun));
        Assert.That(config.Venues, Is.EqualTo(ConfigFixture.List("bitfinex")));
        Assert.That(config.Risk.MaxPosition, Is.EqualTo(ConfigDecimal.FromInteger(1)));
        Assert.That(result.Overrides, Is.Empty);
    }

    [Test]
    public void The_example_file_is_valid_and_binds_exact_decimals()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "config", "velox.example.json");
        var result = VeloxConfigLoader.Load(path, ConfigFixture.NoEnvironment, 2);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        var config = result.Config!;
        Assert.That(config.Strategy.Kind, Is.EqualTo(StrategyKind.MarketMaking));
        Assert.That(config.Strategy.Mm.Instrument, Is.EqualTo("tBTCUSD"));
        Assert.That(config.Strategy.Mm.Size.TryToRaw(8, out var size), Is.True);
        Assert.That(size, Is.EqualTo(1_000_000));
        Assert.That(config.Logging.Components["md"], Is.EqualTo(LogLevel.Debug));
        Assert.That(config.Cpus.Engine, Is.EqualTo(1));
        Assert.That(result.Overrides, Has.Some.Matches<ConfigOverride>(o => o.Path == "strategy.mm.size" && o.Source == $"file {path}"));
    }

    [Test]
    public void A_partial_file_keeps_the_defaults_of_everything_else()
    {
        var result = _files.Load("""{ "risk": { "maxPosition": "0.25" }, "logging": { "level": "debug" } }""");

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Risk.MaxPosition.ToString(), Is.EqualTo("0.25"));
        Assert.That(result.Config.Risk.MaxOpenOrders, Is.EqualTo(50));
        Assert.That(result.Config.Logging.Level, Is.EqualTo(LogLevel.Debug));
        Assert.That(result.Config.Venues, Is.EqualTo(ConfigFixture.List("bitfinex")));
        Assert.That(result.Overrides.Select(o => o.Path), Is.EqualTo(ConfigFixture.List("risk.maxPosition", "logging.level")));
    }

    [Test]
    public void Unknown_keys_are_named_with_their_path_and_a_suggestion()
    {
        var result = _files.Load("""{ "strategy": { "mm": { "spredBps": 3 } }, "colour": "red" }""");

        Assert.That(Paths(result), Is.EquivalentTo(ConfigFixture.List("$.strategy.mm.spredBps", "$.colour")));
        Assert.That(result.Errors[0].ToString(), Is.EqualTo("$.strategy.mm.spredBps: unknown key (did you mean spreadBps?)"));
        Assert.That(result.Errors[1].Message, Is.EqualTo("unknown key"));
        Assert.That(result.Config, Is.Null);
    }

    [Test]
    public void Wrong_types_are_reported_with_what_was_expected()
    {
        var result = _files.Load("""
            {
              "risk": { "maxOpenOrders": "50", "maxPosition": 1.5 },
              "admin": { "enabled": "yes" },
              "venues": { "a": 1 },
              "simulator": null,
              "cpus": { "isolated": [1, "two"] },
              "logging": { "maxFileBytes": 1.5 }
            }
            """);

        Assert.That(Messages(result), Is.EquivalentTo(ConfigFixture.List(
            "$.risk.maxOpenOrders: expected an integer, got string \"50\"",
            "$.risk.maxPosition: expected a decimal string such as \"0.01\", got number 1.5",
            "$.admin.enabled: expected true or false, got string \"yes\"",
            "$.venues: expected a list, got object",
            "$.simulator: must be an object, not null",
            "$.cpus.isolated[1]: expected an integer, got string \"two\"",
            "$.logging.maxFileBytes: expected an integer, got number 1.5")));
    }

    [Test]
    public void Invalid_enum_names_list_the_valid_ones()
    {
        var result = _files.Load("""{ "mode": "yolo", "strategy": { "kind": "MM" }, "logging": { "components": { "md": "loud" } } }""");

        Assert.That(Messages(result), Is.EquivalentTo(ConfigFixture.List(
            "$.mode: expected one of dry-run, paper, live, got string \"yolo\"",
            "$.strategy.kind: expected one of none, mm, arb, got string \"MM\" (did you mean mm?)",
            "$.logging.components.md: expected one of trace, debug, info, warn, error, got string \"loud\"")));
    }

    [Test]
    public void Malformed_json_gives_line_and_column()
    {
        var result = _files.Load("{\n  \"mode\": \"paper\",\n  \"venues\": [\"bitfinex\" \"binance\"]\n}\n");

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Path, Is.EqualTo("$"));
        Assert.That(result.Errors[0].Message, Does.Contain("malformed JSON").And.Contain("line 3, column 25"));
    }

    [Test]
    public void Comments_and_trailing_commas_are_accepted()
    {
        var result = _files.Load("""
            {
              // paper trading on the simulator
              "mode": "paper",
            }
            """);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Mode, Is.EqualTo(RunMode.Paper));
    }

    [Test]
    public void A_duplicate_key_is_an_error_and_neither_value_is_used()
    {
        var result = _files.Load("""{ "mode": "paper", "mode": "live" }""");

        Assert.That(Messages(result), Is.EqualTo(ConfigFixture.List("$.mode: duplicate key")));
    }

    [Test]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_files.Directory, "absent.json");
        var result = VeloxConfigLoader.Load(path, ConfigFixture.NoEnvironment, 4);

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Path, Is.EqualTo(path));
        Assert.That(result.Errors[0].Message, Does.StartWith("cannot read the config file"));
    }

    [Test]
    public void Arbitrage_slippage_is_range_checked_and_the_example_sets_it()
    {
        var result = _files.Load("""{ "strategy": { "arb": { "slippageBps": 10000 } } }""");
        Assert.That(Messages(result), Is.EquivalentTo(ConfigFixture.List(
            $"strategy.arb.slippageBps: must be from 0 to 9999, got 10000 (set by file {_files.Directory}/velox.json)")));

        var example = VeloxConfigLoader.Load(Path.Combine(SharedData.RepositoryRoot, "config", "velox.example.json"), ConfigFixture.NoEnvironment, 2);
        Assert.That(example.Config!.Strategy.Arb.SlippageBps, Is.EqualTo(10));
        Assert.That(new VeloxConfig().Strategy.Arb.SlippageBps, Is.Zero, "priced at the top unless configured");
    }

    [Test]
    public void Out_of_range_values_name_the_field_the_limit_and_the_value()
    {
        var result = _files.Load("""
            {
              "risk": { "maxPosition": "-1", "maxOrderNotional": "0", "priceBandBps": 0, "breakers": { "maxDailyLoss": "-5" } },
              "simulator": { "port": 70000, "bookLength": 0 },
              "strategy": { "mm": { "imbalanceWeight": 1.5, "spreadBps": 0 } },
              "admin": { "bind": "localhost" },
              "ipc": { "termLength": 100000 },
              "logging": { "maxFiles": 0, "components": { "Md": "info" } }
            }
            """);

        Assert.That(Messages(result), Is.EquivalentTo(ConfigFixture.List(
            $"risk.maxPosition: must be > 0, got \"-1\" (set by file {_files.Directory}/velox.json)",
            $"risk.maxOrderNotional: must be > 0, got \"0\" (set by file {_files.Directory}/velox.json)",
            $"risk.priceBandBps: must be from 1 to 10000, got 0 (set by file {_files.Directory}/velox.json)",
            $"risk.breakers.maxDailyLoss: must be >= 0, got \"-5\" (set by file {_files.Directory}/velox.json)",
            $"simulator.port: must be from 0 to 65535, got 70000 (set by file {_files.Directory}/velox.json)",
            $"simulator.bookLength: must be from 1 to 250, got 0 (set by file {_files.Directory}/velox.json)",
            $"strategy.mm.imbalanceWeight: must be from 0 to 1, got 1.5 (set by file {_files.Directory}/velox.json)",
            $"strategy.mm.spreadBps: must be from 1 to 10000, got 0 (set by file {_files.Directory}/velox.json)",
            $"admin.bind: not an IP address: \"localhost\" (set by file {_files.Directory}/velox.json)",
            $"ipc.termLength: must be a power of two from 65536 (64 KiB) to 1073741824 (1 GiB), got 100000 (set by file {_files.Directory}/velox.json)",
            $"logging.maxFiles: must be from 1 to 1000, got 0 (set by file {_files.Directory}/velox.json)",
            $"logging.components.Md: component names are lower-case letters, digits and '-' (set by file {_files.Directory}/velox.json)")));
    }

    [Test]
    public void Every_kind_of_problem_is_reported_together()
    {
        var environment = ConfigFixture.Env(
            ("VELOX_RISK__MAX_POSITION", "abc"),
            ("VELOX_RISK__MAX_POSITON", "1"),
            ("VELOX_SIMULATOR__SEED", "12"));
        var result = _files.Load(
            """
            {
              "mode": "live",
              "venues": ["bitfinex", "ftx"],
              "strategy": { "kind": "arb", "mm": { "spredBps": 3 }, "arb": { "venues": ["bitfinex"], "size": "0.1" } },
              "risk": { "maxOpenOrders": -1 },
              "cpus": { "housekeeping": [0], "md": 0, "isolated": [1] }
            }
            """,
            environment);

        Assert.That(Paths(result), Is.EqualTo(ConfigFixture.List(
            "$.strategy.mm.spredBps",
            "env VELOX_RISK__MAX_POSITION",
            "env VELOX_RISK__MAX_POSITON",
            "venues[1]",
            "strategy.arb.instrument",
            "strategy.arb.venues",
            "risk.maxOpenOrders",
            "cpus.md",
            "mode")));
        Assert.That(result.Errors.Single(e => e.Path == "env VELOX_RISK__MAX_POSITION").Message, Is.EqualTo("not a decimal: \"abc\""));
        Assert.That(result.Errors.Single(e => e.Path == "mode").Message, Does.Contain("VELOX_BITFINEX_API_KEY"));
    }

    [Test]
    public void A_rejected_value_does_not_also_fail_as_its_default()
    {
        // strategy.arb.size is rejected for its type; the default 0 must not add "must be > 0" on top.
        var result = _files.Load("""
            { "venues": ["bitfinex", "binance"],
              "strategy": { "kind": "arb", "arb": { "venues": ["bitfinex", "binance"], "instrument": "BTCUSD", "size": 0.5 } } }
            """);

        Assert.That(Paths(result), Is.EqualTo(ConfigFixture.List("$.strategy.arb.size")));
    }

    [Test]
    public void Strategy_requirements_apply_to_the_selected_strategy()
    {
        var mm = _files.Load("""{ "strategy": { "kind": "mm", "mm": { "size": "2", "inventoryLimit": "1" } } }""");
        Assert.That(Messages(mm), Is.EquivalentTo(ConfigFixture.List(
            "strategy.mm.instrument: required when strategy.kind is mm",
            "strategy.mm.size: \"2\" exceeds risk.maxOrderSize \"1\": every order would be rejected (set by file " + _files.Directory + "/velox.json)")));

        var arb = _files.Load("""{ "strategy": { "kind": "arb", "arb": { "venues": ["bitfinex"], "instrument": "BTCUSD", "size": "0.1" } } }""");
        Assert.That(Messages(arb), Is.EqualTo(ConfigFixture.List(
            $"strategy.arb.venues: arbitrage needs at least 2 venues, got 1 (set by file {_files.Directory}/velox.json)")));

        var unconnected = _files.Load("""{ "strategy": { "kind": "arb", "arb": { "venues": ["bitfinex", "okx"], "instrument": "BTCUSD", "size": "0.1" } } }""");
        Assert.That(Paths(unconnected), Is.EqualTo(ConfigFixture.List("strategy.arb.venues[1]")));

        var none = _files.Load("""{ "strategy": { "kind": "none", "arb": { "venues": ["bitfinex"] } } }""");
        Assert.That(none.IsValid, Is.True, "an unused strategy's requirements do not apply: " + ConfigFixture.Describe(none));
    }

    [Test]
    public void Live_mode_needs_credentials_for_every_venue()
    {
        const string Json = """{ "mode": "live", "venues": ["bitfinex", "okx"] }""";
        var missing = _files.Load(Json);
        Assert.That(Messages(missing), Is.EqualTo(ConfigFixture.List(
            "mode: live needs API credentials for bitfinex: set VELOX_BITFINEX_API_KEY and VELOX_BITFINEX_API_SECRET or add \"bitfinex\" to credentials.file",
            "mode: live needs API credentials for okx: set VELOX_OKX_API_KEY and VELOX_OKX_API_SECRET and VELOX_OKX_API_PASSPHRASE or add \"okx\" to credentials.file")));

        var present = _files.Load(Json, ConfigFixture.Env(
            ("VELOX_BITFINEX_API_KEY", "k1"), ("VELOX_BITFINEX_API_SECRET", "s1"),
            ("VELOX_OKX_API_KEY", "k2"), ("VELOX_OKX_API_SECRET", "s2"), ("VELOX_OKX_API_PASSPHRASE", "p2")));
        Assert.That(present.IsValid, Is.True, ConfigFixture.Describe(present));
        Assert.That(present.Credentials.TryGet("okx", out var okx), Is.True);
        Assert.That((okx.ApiKey, okx.ApiSecret, okx.ApiPassphrase), Is.EqualTo(("k2", "s2", "p2")));

        var partial = _files.Load(Json, ConfigFixture.Env(("VELOX_BITFINEX_API_KEY", "k1")));
        Assert.That(Paths(partial), Does.Contain("env VELOX_BITFINEX_API_KEY and VELOX_BITFINEX_API_SECRET"));

        var replay = _files.Load("""{ "mode": "live", "dataSource": "replay" }""", ConfigFixture.Env(("VELOX_BITFINEX_API_KEY", "k"), ("VELOX_BITFINEX_API_SECRET", "s")));
        Assert.That(Paths(replay), Is.EqualTo(ConfigFixture.List("dataSource")));
    }

    [Test]
    public void A_non_loopback_admin_needs_a_kill_token()
    {
        var open = _files.Load("""{ "admin": { "bind": "0.0.0.0" } }""");
        Assert.That(Paths(open), Is.EqualTo(ConfigFixture.List("admin.killToken")));

        var guarded = _files.Load("""{ "admin": { "bind": "0.0.0.0", "killToken": "0123456789abcdef" } }""");
        Assert.That(guarded.IsValid, Is.True, ConfigFixture.Describe(guarded));
    }

    [Test]
    public void Loading_creates_no_file_or_folder()
    {
        var journal = Path.Combine(_files.Directory, "journal", "velox.journal");
        var ipc = Path.Combine(_files.Directory, "shm");
        var log = Path.Combine(_files.Directory, "logs", "velox.log");
        var json = $$"""{ "journal": { "path": "{{journal}}" }, "ipc": { "directory": "{{ipc}}" }, "logging": { "file": "{{log}}" } }""";
        var valid = _files.Load(json);
        var invalid = _files.Load(json.Replace("\"journal\"", "\"mode\": \"nope\", \"journal\"", StringComparison.Ordinal));

        Assert.That(valid.IsValid, Is.True, ConfigFixture.Describe(valid));
        Assert.That(invalid.IsValid, Is.False);
        Assert.That(Directory.GetFileSystemEntries(_files.Directory).Select(Path.GetFileName), Is.EqualTo(ConfigFixture.List("velox.json")));
    }

    internal static string[] Paths(ConfigLoadResult result) => result.Errors.Select(e => e.Path).ToArray();

    internal static string[] Messages(ConfigLoadResult result) => result.Errors.Select(e => e.ToString()).ToArray();
}
