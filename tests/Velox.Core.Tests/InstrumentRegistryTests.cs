using System.Text;
using Velox.Core.Instruments;
using Velox.Core.Time;

namespace Velox.Core.Tests;

public class InstrumentRegistryTests
{
    [Test]
    public void Assigns_dense_ids_and_finds_by_symbol_bytes()
    {
        var registry = new InstrumentRegistry();
        var btc = registry.Add("bitfinex", "tBTCUSD", 1, 8);
        var eth = registry.Add("bitfinex", "tETHUSD", 2, 8);
        Assert.That(btc.Id.Value, Is.EqualTo(0));
        Assert.That(eth.Id.Value, Is.EqualTo(1));
        Assert.That(registry.Add("bitfinex", "tBTCUSD", 1, 8), Is.SameAs(btc));
        Assert.That(registry.TryGet("bitfinex", Encoding.UTF8.GetBytes("tETHUSD"), out var found), Is.True);
        Assert.That(found, Is.SameAs(eth));
        Assert.That(registry.TryGet("binance", "tETHUSD", out _), Is.False);
        Assert.That(registry[eth.Id], Is.SameAs(eth));
    }

    [Test]
    public void Refuses_conflicting_scales_and_bad_arguments()
    {
        var registry = new InstrumentRegistry();
        registry.Add("bitfinex", "tBTCUSD", 1, 8);
        Assert.Throws<ArgumentException>(() => registry.Add("bitfinex", "tBTCUSD", 2, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.Add("bitfinex", "tX", 19, 8));
        Assert.Throws<ArgumentException>(() => registry.Add("bitfinex", "", 1, 8));
    }

    [Test]
    public void Replay_clock_moves_only_forward()
    {
        var clock = new ReplayClock(100);
        clock.Advance(50);
        Assert.That(clock.NowNanos(), Is.EqualTo(150));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Set(10));
        var a = MonotonicClock.Now();
        Assert.That(MonotonicClock.Instance.NowNanos(), Is.GreaterThanOrEqualTo(a));
    }
}
