using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Strategies.MarketMaking;
using Velox.Trading.Risk;

namespace Velox.Host.Tests.Config;

/// <summary>The breaker mode keys, <c>strategy.mm.requote</c> and the venue list: binding, validation, suggestions.</summary>
public class ConfigEnumKeyTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Breaker_modes_bind_from_the_file_and_reach_the_breaker_options()
    {
        var result = _files.Load("""
            { "risk": { "breakers": { "drawdownMode": "reduce-only", "dailyLossMode": "halt", "rejectRateMode": "reduce-only", "volatilityMode": "halt" } } }
            """);
        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(TradingSettings.TryBreakers(result.Config!.Risk, out var options, out var error), Is.True, error);
        Assert.That(
            (options.DrawdownMode, options.DailyLossMode, options.ErrorMode, options.VolatilityMode),
            Is.EqualTo((TradingMode.ReduceOnly, TradingMode.Halt, TradingMode.ReduceOnly, TradingMode.Halt)));
    }

    [Test]
    public void Breaker_mode_from_the_environment()
    {
        var result = _files.Load("{}", ConfigFixture.Env(("VELOX_RISK__BREAKERS__DAILY_LOSS_MODE", "halt")));
        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(result.Config!.Risk.Breakers.DailyLossMode, Is.EqualTo(BreakerModeKind.Halt));
    }

    [Test]
    public void A_bad_mode_names_the_choices_and_the_closest_one()
    {
        var result = _files.Load("""{ "risk": { "breakers": { "drawdownMode": "reduceonly", "volatilityMode": "stop" } }, "strategy": { "mm": { "requote": "amnd" } } }""");
        Assert.That(result.Errors.Select(e => e.ToString()), Is.EquivalentTo(ConfigFixture.List(
            "$.risk.breakers.drawdownMode: expected one of halt, reduce-only, got string \"reduceonly\" (did you mean reduce-only?)",
            "$.risk.breakers.volatilityMode: expected one of halt, reduce-only, got string \"stop\"",
            "$.strategy.mm.requote: expected one of amend, cancel-new, got string \"amnd\" (did you mean amend?)")));

        var env = _files.Load("{}", ConfigFixture.Env(("VELOX_STRATEGY__MM__REQUOTE", "cancel_new")));
        Assert.That(ConfigFixture.Describe(env), Does.Contain("not one of amend, cancel-new: \"cancel_new\" (did you mean cancel-new?)"));
    }

    [Test]
    public void Requote_defaults_to_amend_and_cancel_new_reaches_the_market_maker()
    {
        var registry = new Velox.Core.Instruments.InstrumentRegistry();
        var instrument = registry.Add("bitfinex", "tBTCUSD", 2, 8);
        Assert.That(TradingSettings.TryMarketMaker(new MarketMakingConfig(), instrument, 1, out var parameters, out var error), Is.True, error);
        Assert.That(parameters!.Requote, Is.EqualTo(RequoteMethod.Amend));

        var result = _files.Load("""{ "strategy": { "mm": { "requote": "cancel-new" } } }""");
        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(TradingSettings.TryMarketMaker(result.Config!.Strategy.Mm, instrument, 1, out parameters, out error), Is.True, error);
        Assert.That(parameters!.Requote, Is.EqualTo(RequoteMethod.CancelNew));
    }

    [Test]
    public void Binance_usdm_is_a_known_venue_with_underscored_credential_variables()
    {
        Assert.That(ConfigSchema.KnownVenues, Does.Contain("binance-usdm"));
        var result = _files.Load("""{ "venues": ["binance-usdm", "bitfinex"] }""");
        Assert.That(result.IsValid, Is.True, ConfigFixture.Describe(result));
        Assert.That(ConfigSchema.CredentialVariable("binance-usdm", "_API_KEY"), Is.EqualTo("VELOX_BINANCE_USDM_API_KEY"));
        Assert.That(ConfigSchema.TryParseCredentialVariable("VELOX_BINANCE_USDM_API_SECRET", out var venue, out var suffix), Is.True);
        Assert.That((venue, suffix), Is.EqualTo(("binance-usdm", "_API_SECRET")));
        Assert.That(ConfigSchema.TryParseCredentialVariable("VELOX_BINANCE_API_KEY", out venue, out _), Is.True);
        Assert.That(venue, Is.EqualTo("binance"));

        var unknown = _files.Load("""{ "venues": ["binance-coinm"] }""");
        Assert.That(ConfigFixture.Describe(unknown), Does.Contain("unknown venue \"binance-coinm\"").And.Contain("binance-usdm"));
    }
}
