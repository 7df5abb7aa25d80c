using Velox.Simulator.Market;
using Velox.Venues.Bitfinex;

namespace Velox.Simulator.Tests.Market;

public class MarketGeneratorTests
{
    [Test]
    public void CachedChecksumText_MatchesBitfinexChecksumThroughout()
    {
        var generator = new MarketGenerator(SimInstrumentSpec.Defaults, seed: 17, epochMillis: 0);
        for (var step = 0; step < 20_000; step++)
        {
            var instrument = step % generator.Count;
            generator.Step(instrument, step, out _);
            if (step % 97 != 0)
            {
                continue;
            }

            var market = generator[instrument];
            foreach (var len in new[] { 1, 25, 100 })
            {
                var bids = market.Bids.Levels;
                var asks = market.Asks.Levels;
                var expected = BitfinexChecksum.Compute(bids[..Math.Min(len, bids.Length)], asks[..Math.Min(len, asks.Length)], market.Spec.PriceScale, market.Spec.SizeScale);
                Assert.That(market.Checksum(len), Is.EqualTo(expected), $"{market.Spec.Symbol} len {len} step {step}");
            }
        }
    }

    [Test]
    public void Books_StaySortedUncrossedAndDeep_PricesOnTicks()
    {
        var generator = new MarketGenerator(SimInstrumentSpec.Defaults, seed: 4, epochMillis: 0);
        for (var step = 0; step < 30_000; step++)
        {
            generator.Step(step % generator.Count, step, out _);
        }

        for (var i = 0; i < generator.Count; i++)
        {
            var market = generator[i];
            var bids = market.Bids.Levels.ToArray();
            var asks = market.Asks.Levels.ToArray();
            Assert.That(bids.Select(l => l.Price), Is.Ordered.Descending.And.Unique);
            Assert.That(asks.Select(l => l.Price), Is.Ordered.And.Unique);
            Assert.That(bids[0].Price, Is.LessThan(asks[0].Price));
            Assert.That(bids.Length, Is.GreaterThanOrEqualTo(250));
            Assert.That(asks.Length, Is.GreaterThanOrEqualTo(250));
            Assert.That(bids.Concat(asks).All(l => l.Price > 0 && l.Price % market.Spec.TickRaw == 0 && l.Size > 0 && l.Count > 0), Is.True);
        }
    }

    [Test]
    public void AnchoredInserts_KeepTheBookAroundTheMid_DenseAtTheTop()
    {
        // 60,000 events per instrument: 30 s of a 2,000 events/s run. Deletes and trades take levels from the
        // top, so inserts must bring them back near the mid, or the touch drifts away (without AnchoredInserts
        // it is thousands of ticks wide after 20 s, a lone level at the mid in front of it).
        var generator = new MarketGenerator(SimInstrumentSpec.Defaults.Select(s => s with { AnchoredInserts = true }).ToList(), seed: 4, epochMillis: 0);
        for (var step = 0; step < 180_000; step++)
        {
            var instrument = step % generator.Count;
            generator.Step(instrument, step, out _);
            var market = generator[instrument];
            var tick = market.Spec.TickRaw;
            var bids = market.Bids;
            var asks = market.Asks;
            Assert.That((asks[0].Price - bids[0].Price) / tick, Is.LessThanOrEqualTo(60), $"{market.Spec.Symbol} spread at step {step}");
            Assert.That((market.MidRaw - bids[9].Price) / tick, Is.LessThanOrEqualTo(150), $"{market.Spec.Symbol} 10th bid at step {step}");
            Assert.That((asks[9].Price - market.MidRaw) / tick, Is.LessThanOrEqualTo(150), $"{market.Spec.Symbol} 10th ask at step {step}");
            Assert.That(Math.Min(bids.Depth, asks.Depth), Is.GreaterThanOrEqualTo(250), $"{market.Spec.Symbol} depth at step {step}");
        }
    }

    [Test]
    public void GapInserts_LetTheTouchDriftAwayFromTheMid()
    {
        // The default the market-maker runs are tuned on, kept as it was: 40,000 events (20 s at 2,000 events/s)
        // leave the best ask hundreds of ticks above the mid on the default tBTCUSD ($1 ticks).
        var generator = new MarketGenerator([SimInstrumentSpec.BtcUsd], seed: 4, epochMillis: 0);
        for (var step = 0; step < 40_000; step++)
        {
            generator.Step(0, step, out _);
        }

        var market = generator[0];
        Assert.That((market.Asks[9].Price - market.MidRaw) / market.Spec.TickRaw, Is.GreaterThan(1_000));
    }

    [Test]
    public void Trades_HitTheTouch()
    {
        var generator = new MarketGenerator(SimInstrumentSpec.Defaults, seed: 8, epochMillis: 0);
        var trades = 0;
        for (var step = 0; step < 5_000; step++)
        {
            var market = generator[0];
            var bestBid = market.Bids[0].Price;
            var bestAsk = market.Asks[0].Price;
            generator.Step(0, step, out var e);
            if (e.Kind == MarketEventKind.Trade)
            {
                trades++;
                Assert.That(e.Trade.PriceRaw, Is.EqualTo(e.Trade.AmountRaw > 0 ? bestAsk : bestBid));
                Assert.That(e.LevelIndex, Is.Zero);
            }
        }

        Assert.That(trades, Is.GreaterThan(100));
    }
}
