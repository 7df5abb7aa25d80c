using Velox.Core.Numerics;
using Velox.Simulator.Market;

namespace Velox.Simulator.Tests.OrderEntry;

/// <summary>
/// What a 0.01 BTC market order (the arbitrage's unwind) pays after 20 s of a 2,000 events/s book: the paper
/// arbitrage lost $7–46 per unwind because the touch had drifted away from the mid behind a lone level.
/// </summary>
public class MarketOrderSlippageTests
{
    private static readonly SimInstrumentSpec Btc8 = SimInstrumentSpec.BtcUsd with
    {
        PriceScale = 8,
        TickRaw = 1_00000000,
        InitialMidRaw = 60_000_00000000,
        MinMidRaw = 20_000_00000000,
        MaxMidRaw = 99_000_00000000,
    };

    private static long MarketBuyDistanceFromMidTicks(SimInstrumentSpec spec)
    {
        var d = new TradingDriver(new SimulatorOptions { Seed = 42, EventsPerSecond = 2000, Instruments = [spec] });
        d.Auth(nonce: 1);
        d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}");
        d.Run(20_000, stepMillis: 10);
        var mid = d.Session.Market[0].MidRaw;

        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE MARKET", "0.01", cid: 9));
        var te = TradingDriver.OfType(frames, "te");
        Assert.That(te, Is.Not.Empty, "the market order filled");
        var worst = te.Max(f => Raw(TradingDriver.Body(f)[5].GetRawText(), spec.PriceScale));
        return (worst - mid) / spec.TickRaw;
    }

    private static long Raw(string number, int scale)
    {
        Assert.That(FixedPoint.TryParse(System.Text.Encoding.UTF8.GetBytes(number), scale, out var raw), Is.True, number);
        return raw;
    }

    [Test]
    public void AnchoredBook_MarketBuyFillsNearTheMid()
    {
        Assert.That(MarketBuyDistanceFromMidTicks(Btc8 with { AnchoredInserts = true }), Is.LessThanOrEqualTo(60));
    }

    [Test]
    public void GapInsertBook_MarketBuyFillsFarFromTheMid()
    {
        // The default generator, kept for the market maker: the fill is thousands of dollars above the mid.
        Assert.That(MarketBuyDistanceFromMidTicks(Btc8), Is.GreaterThan(1_000));
    }
}
