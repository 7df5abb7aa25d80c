using Velox.Core.Instruments;
using Velox.Host.Cli;
using Velox.Host.Topology;
using Velox.Host.Topology.Orders;

namespace Velox.Host.Tests.Topology;

/// <summary>The multi topology's arbitrage options of md, og and engine (bad ones are usage errors), and the instrument ids every process shares.</summary>
[NonParallelizable]
public class ArbitrageTopologyArgumentsTests
{
    [Test]
    public void Every_process_builds_the_same_registry_bitfinex_first_then_binance()
    {
        var md = TopologyInstruments.Create(withBinance: true, out var bitfinexSpecs);
        var og = TopologyInstruments.Create(withBinance: true, out _);

        Assert.That(bitfinexSpecs, Has.Count.EqualTo(1));
        Assert.That(bitfinexSpecs[0].Symbol, Is.EqualTo("tBTCUSD"), "the arbitrage's Bitfinex simulator serves tBTCUSD only");
        Assert.That(md.Count, Is.EqualTo(2));
        for (var i = 0; i < md.Count; i++)
        {
            var id = new InstrumentId((ushort)i);
            Assert.That((og[id].Venue, og[id].Symbol, og[id].PriceScale, og[id].SizeScale), Is.EqualTo((md[id].Venue, md[id].Symbol, md[id].PriceScale, md[id].SizeScale)));
        }

        Assert.That((md[new InstrumentId(0)].Venue, md[new InstrumentId(0)].Symbol), Is.EqualTo(("bitfinex", "tBTCUSD")));
        Assert.That(md[new InstrumentId(1)].Symbol, Is.EqualTo("BTCUSDT"));
        Assert.That(TopologyInstruments.Create(withBinance: false, out _).Count, Is.EqualTo(new Velox.Simulator.SimulatorOptions().Instruments.Count), "without Binance nothing changes");
    }

    [TestCase("bitfinex", true, false)]
    [TestCase("bitfinex,binance", true, true)]
    [TestCase(" binance , bitfinex ", true, true)]
    [TestCase("binance", false, false)]
    [TestCase("bitfinex,binance,binance", false, false)]
    [TestCase("bitfinex,kraken", false, false)]
    [TestCase("", false, false)]
    public void Venues_are_bitfinex_or_bitfinex_and_binance(string text, bool valid, bool withBinance)
    {
        Assert.That(TopologyInstruments.TryParseVenues(text, out var binance), Is.EqualTo(valid));
        Assert.That(binance, Is.EqualTo(withBinance));
    }

    [TestCase("--venues must be bitfinex or bitfinex,binance, not 'bitfinex,kraken'", "--venues", "bitfinex,kraken")]
    [TestCase("--venues bitfinex,binance needs --binance-url", "--venues", "bitfinex,binance")]
    [TestCase("--venues bitfinex,binance needs --binance-rest", "--venues", "bitfinex,binance", "--binance-url", "ws://127.0.0.1:1/ws")]
    [TestCase("--binance-url must be a ws:// or wss:// URL", "--venues", "bitfinex,binance", "--binance-url", "http://127.0.0.1:1/ws", "--binance-rest", "http://127.0.0.1:2/")]
    [TestCase("--binance-url and --binance-rest need --venues bitfinex,binance", "--binance-url", "ws://127.0.0.1:1/ws")]
    public void Md_refuses_incomplete_binance_options(string expected, params string[] args) =>
        AssertUsage(() => MdCommand.Run(["--sim-url", "ws://127.0.0.1:1/ws/2", "--ipc-dir", "/dev/shm/velox-test-never-created", .. args]), expected);

    [TestCase("--venue must be bitfinex or binance, not 'kraken'", "--venue", "kraken")]
    [TestCase("--venues must be bitfinex or bitfinex,binance and include --venue binance", "--venue", "binance", "--venues", "bitfinex")]
    [TestCase("--mode paper --venue binance needs --rest-url", "--venue", "binance", "--mode", "paper", "--sim-url", "ws://127.0.0.1:1/ws-api/v3")]
    [TestCase("--rest-url must be a loopback http:// URL", "--venue", "binance", "--mode", "paper", "--sim-url", "ws://127.0.0.1:1/ws-api/v3", "--rest-url", "http://10.1.2.3/")]
    [TestCase("--rest-url must be a loopback http:// URL", "--venue", "bitfinex", "--mode", "paper", "--sim-url", "ws://127.0.0.1:1/ws/2", "--rest-url", "http://10.1.2.3/")]
    public void Og_refuses_bad_venue_options(string expected, params string[] args) => AssertUsage(() => OgCommand.Run(args), expected);

    [TestCase("--stream-orders-binance and --stream-reports-binance must differ", "--strategy", "arb", "--stream-orders-binance", "12")]
    [TestCase("--stream-orders-binance and --stream-reports-binance must differ", "--strategy", "arb", "--stream-reports-binance", "23")]
    [TestCase("--stream-orders-binance and --stream-reports-binance need --strategy arb", "--strategy", "mm", "--stream-orders-binance", "14")]
    [TestCase("--strategy must be mm or arb, not 'xyz'", "--strategy", "xyz")]
    public void Engine_refuses_clashing_arbitrage_streams(string expected, params string[] args) => AssertUsage(() => EngineCommand.Run(args), expected);

    /// <summary>The command exits with the usage code and says <paramref name="expected"/> on stderr.</summary>
    private static void AssertUsage(Func<int> run, string expected)
    {
        var originalError = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        int code;
        try
        {
            code = run();
        }
        finally
        {
            Console.SetError(originalError);
        }

        Assert.That(code, Is.EqualTo(ExitCodes.Usage), error.ToString());
        Assert.That(error.ToString(), Does.Contain(expected));
    }
}
