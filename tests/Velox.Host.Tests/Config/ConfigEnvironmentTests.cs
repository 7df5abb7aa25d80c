using Velox.Host.Config;

namespace Velox.Host.Tests.Config;

public class ConfigEnvironmentTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Variables_name_fields_by_nesting_and_words()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("VELOX_DATA_SOURCE", "replay"),
            ("VELOX_RISK__MAX_POSITION", "0.5"),
            ("VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS", "12"),
            ("VELOX_RISK__BREAKERS__MAX_DAILY_LOSS", "250.5"),
            ("VELOX_LOGGING__COMPONENTS__MD", "trace")), 4);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        var config = result.Config!;
        Assert.That(config.DataSource, Is.EqualTo(DataSourceKind.Replay));
        Assert.That(config.Risk.MaxPosition.ToString(), Is.EqualTo("0.5"));
        Assert.That(config.Strategy.Arb.MinProfitMarginBps, Is.EqualTo(12));
        Assert.That(config.Risk.Breakers.MaxDailyLoss.ToString(), Is.EqualTo("250.5"));
        Assert.That(config.Logging.Components["md"], Is.EqualTo(LogLevel.Trace));
        Assert.That(result.Overrides.Select(o => o.ToString()), Does.Contain("risk.maxPosition = \"0.5\"  (env VELOX_RISK__MAX_POSITION)"));
    }

    [Test]
    public void Values_are_typed_by_the_field_lists_booleans_numbers_and_null()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("VELOX_VENUES", "bitfinex, binance,okx"),
            ("VELOX_CPUS__ISOLATED", "2,3"),
            ("VELOX_CPUS__ENGINE", "3"),
            ("VELOX_ADMIN__ENABLED", "false"),
            ("VELOX_LOGGING__STDOUT", "0"),
            ("VELOX_STRATEGY__MM__IMBALANCE_WEIGHT", "0.25"),
            ("VELOX_LOGGING__MAX_FILE_BYTES", "1048576"),
            ("VELOX_LOGGING__FILE", "")), 4);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        var config = result.Config!;
        Assert.That(config.Venues, Is.EqualTo(ConfigFixture.List("bitfinex", "binance", "okx")));
        Assert.That(config.Cpus.Isolated, Is.EqualTo(ConfigFixture.List(2, 3)));
        Assert.That(config.Cpus.Engine, Is.EqualTo(3));
        Assert.That(config.Admin.Enabled, Is.False);
        Assert.That(config.Logging.Stdout, Is.False);
        Assert.That(config.Strategy.Mm.ImbalanceWeight, Is.EqualTo(0.25));
        Assert.That(config.Logging.MaxFileBytes, Is.EqualTo(1_048_576));
        Assert.That(config.Logging.File, Is.Null);
    }

    [Test]
    public void The_hummingbot_alias_sets_the_arbitrage_margin()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.Env(("ARB_MIN_PROFIT_MARGIN_BPS", "9")), 4);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Strategy.Arb.MinProfitMarginBps, Is.EqualTo(9));
        Assert.That(result.Overrides.Single().Source, Is.EqualTo("env ARB_MIN_PROFIT_MARGIN_BPS"));
    }

    [Test]
    public void The_alias_and_the_variable_must_agree()
    {
        var same = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("ARB_MIN_PROFIT_MARGIN_BPS", "9"), ("VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS", "9")), 4);
        Assert.That(same.IsValid, Is.True, ConfigFixture.Describe(same));

        var different = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("ARB_MIN_PROFIT_MARGIN_BPS", "9"), ("VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS", "10")), 4);
        Assert.That(ConfigLoaderTests.Paths(different), Is.EqualTo(ConfigFixture.List("env VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS")));
        Assert.That(different.Errors[0].Message, Does.Contain("ARB_MIN_PROFIT_MARGIN_BPS"));
    }

    [Test]
    public void The_environment_overrides_the_file()
    {
        var result = _files.Load("""{ "risk": { "maxPosition": "2" }, "mode": "paper" }""", ConfigFixture.Env(("VELOX_RISK__MAX_POSITION", "0.1")));

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Risk.MaxPosition.ToString(), Is.EqualTo("0.1"));
        Assert.That(result.Config.Mode, Is.EqualTo(RunMode.Paper));
        Assert.That(result.Overrides.Select(o => o.Source), Is.EquivalentTo(ConfigFixture.List($"file {_files.Directory}/velox.json", "env VELOX_RISK__MAX_POSITION")));
    }

    [Test]
    public void Bad_values_and_unknown_names_are_errors_naming_the_variable()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("VELOX_RISK__MAX_POSITION", "abc"),
            ("VELOX_RISK__MAX_OPEN_ORDERS", "12.5"),
            ("VELOX_ADMIN__ENABLED", "yes"),
            ("VELOX_MODE", "real"),
            ("VELOX_CPUS__ISOLATED", "1,x"),
            ("VELOX_RISK", "1"),
            ("VELOX_RISK__MAX_POSITION__X", "1"),
            ("VELOX_TURBO", "1"),
            ("VELOX_risk__maxPosition", "1")), 4);

        Assert.That(ConfigLoaderTests.Messages(result), Is.EquivalentTo(ConfigFixture.List(
            "env VELOX_RISK__MAX_POSITION: not a decimal: \"abc\"",
            "env VELOX_RISK__MAX_OPEN_ORDERS: not an integer: \"12.5\"",
            "env VELOX_ADMIN__ENABLED: not a boolean (true/false): \"yes\"",
            "env VELOX_MODE: not one of dry-run, paper, live: \"real\"",
            "env VELOX_CPUS__ISOLATED: list item not an integer: \"x\"",
            "env VELOX_RISK: risk is a section; set its fields one by one (VELOX_RISK__FIELD)",
            "env VELOX_RISK__MAX_POSITION__X: unknown key risk.maxPosition.x (risk.maxPosition is a value, not a section)",
            "env VELOX_TURBO: unknown key turbo",
            "env VELOX_risk__maxPosition: not a configuration variable (expected VELOX_SECTION__WORD_WORD in upper case)")));
    }

    [Test]
    public void Variables_used_elsewhere_and_credentials_are_not_configuration_errors()
    {
        var result = VeloxConfigLoader.Load(null, ConfigFixture.Env(
            ("VELOX_SHARED_DIR", "/tmp/shared"),
            ("VELOX_AOT_BINARY", "/tmp/velox"),
            ("VELOX_NATIVE_LIB", "/tmp/libvelox.so"),
            ("VELOX_CONFIGURATION", "Release"),
            ("VELOX_BINANCE_API_KEY", "k"),
            ("VELOX_BINANCE_API_SECRET", "s"),
            ("PATH", "/usr/bin")), 4);

        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Overrides, Is.Empty);
        Assert.That(result.Credentials.TryGet("binance", out _), Is.True);
    }

    [Test]
    public void Every_field_has_a_variable_that_maps_back_to_it()
    {
        var leaves = new List<string>();
        Collect(System.Text.Json.Nodes.JsonNode.Parse(ConfigJson.Write(new VeloxConfig(), indented: false))!.AsObject(), string.Empty, leaves);
        Assert.That(leaves, Has.Count.GreaterThan(40));
        foreach (var path in leaves)
        {
            var variable = ConfigSchema.VariableOf(path);
            Assert.That(ConfigSchema.TryPathOf(variable, out var segments), Is.True, variable);
            Assert.That(string.Join('.', segments), Is.EqualTo(path), variable);
        }

        Assert.That(ConfigSchema.VariableOf("strategy.arb.minProfitMarginBps"), Is.EqualTo("VELOX_STRATEGY__ARB__MIN_PROFIT_MARGIN_BPS"));
    }

    private static void Collect(System.Text.Json.Nodes.JsonObject node, string path, List<string> leaves)
    {
        foreach (var (key, value) in node)
        {
            var child = path.Length == 0 ? key : $"{path}.{key}";
            if (value is System.Text.Json.Nodes.JsonObject obj && child != "logging.components")
            {
                Collect(obj, child, leaves);
            }
            else if (value is not System.Text.Json.Nodes.JsonObject)
            {
                leaves.Add(child);
            }
        }
    }
}
