using Velox.Host.Config;

namespace Velox.Host.Tests.Config;

public class ConfigReloadTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Risk_limits_strategy_parameters_and_log_levels_reload()
    {
        var current = Load("""{ "strategy": { "kind": "mm", "mm": { "instrument": "tBTCUSD", "size": "0.01", "inventoryLimit": "0.1" } } }""");
        var next = Load("""
            { "strategy": { "kind": "mm", "mm": { "instrument": "tBTCUSD", "size": "0.02", "inventoryLimit": "0.1", "spreadBps": 12 } },
              "risk": { "maxPosition": "0.5" }, "logging": { "level": "debug", "components": { "md": "trace" } } }
            """);

        var result = ConfigReload.TryReload(current, next);

        Assert.That(result.Accepted, Is.True, string.Join("\n", result.Errors));
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Changes.Select(c => c.ToString()), Is.EqualTo(ConfigFixture.List(
            "strategy.mm.spreadBps: 10 -> 12",
            "strategy.mm.size: \"0.01\" -> \"0.02\"",
            "risk.maxPosition: \"1\" -> \"0.5\"",
            "logging.level: \"info\" -> \"debug\"",
            "logging.components.md: null -> \"trace\"")));
    }

    [Test]
    public void A_reload_that_changes_a_restart_field_is_refused_naming_each_field()
    {
        var current = Load("""{ "admin": { "killToken": "first-token-0123456" } }""");
        var next = Load("""
            { "venues": ["bitfinex", "binance"], "cpus": { "isolated": [1], "engine": 1 }, "ipc": { "termLength": 65536 },
              "admin": { "bind": "127.0.0.2", "killToken": "second-token-0123456" }, "risk": { "maxPosition": "2" },
              "strategy": { "mm": { "instrument": "tETHUSD" } }, "logging": { "file": "/tmp/velox.log" } }
            """);

        var result = ConfigReload.TryReload(current, next);

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.Errors.Select(e => e.Path), Is.EqualTo(ConfigFixture.List(
            "venues", "strategy.mm.instrument", "admin.bind", "admin.killToken", "logging.file", "cpus.engine", "cpus.isolated", "ipc.termLength")));
        Assert.That(result.Errors[0].Message, Is.EqualTo("cannot change on reload; restart velox to apply it"));
        Assert.That(result.Changes.Single(c => c.Path == "risk.maxPosition").Reloadable, Is.True);
        Assert.That(result.Changes.Single(c => c.Path == "admin.killToken").ToString(), Is.EqualTo("admin.killToken: \"***\" -> \"***\" (needs a restart)"));
    }

    [Test]
    public void Identical_configurations_have_no_changes()
    {
        var result = ConfigReload.TryReload(Load("""{ "risk": { "maxPosition": "2" } }"""), Load("""{ "risk": { "maxPosition": "2.0" } }"""));

        Assert.That(result.Accepted, Is.True);
        Assert.That(result.Changes, Is.Empty);
    }

    [TestCase("risk.maxPosition", true)]
    [TestCase("risk.breakers.maxDrawdown", true)]
    [TestCase("strategy.arb.minProfitMarginBps", true)]
    [TestCase("logging.components.md", true)]
    [TestCase("logging.level", true)]
    [TestCase("strategy.kind", false)]
    [TestCase("strategy.arb.venues", false)]
    [TestCase("strategy.arb.instrument", false)]
    [TestCase("logging.maxFiles", false)]
    [TestCase("riskx", false)]
    [TestCase("mode", false)]
    [TestCase("admin.bind", false)]
    [TestCase("cpus.md", false)]
    public void Reloadable_fields(string path, bool reloadable) =>
        Assert.That(ConfigReload.IsReloadable(path), Is.EqualTo(reloadable));

    private VeloxConfig Load(string json)
    {
        var result = _files.Load(json);
        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        return result.Config!;
    }
}
