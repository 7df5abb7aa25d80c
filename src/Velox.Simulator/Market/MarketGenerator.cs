using System.Diagnostics.CodeAnalysis;
using Velox.Core.Numerics;
using Velox.MarketData;

namespace Velox.Simulator.Market;

/// <summary>
/// Seeded synthetic market: a random-walk mid per instrument, a deep book built around it, order
/// flow as level inserts/modifies/deletes weighted toward the top, trades at the touch and ticker
/// refreshes. The same seed and the same call sequence give the same events.
/// </summary>
[SuppressMessage("Security", "CA5394", Justification = "A reproducible simulation needs a seeded PRNG, not a secure one.")]
public sealed class MarketGenerator
{
    private const double TradeProbability = 0.08;
    private const double TickerProbability = 0.03;
    private const double MidMoveProbability = 0.05;
    private const double TopWeightMean = 6.0;
    private const double InsertDistanceMeanTicks = 2 * TopWeightMean;
    private const double SizeSigma = 0.9;
    private const int MaxCount = 12;

    private readonly Random _random;
    private readonly InstrumentMarket[] _markets;
    private long _nextTradeId;

    /// <summary>Builds every instrument's starting book and trade history.</summary>
    public MarketGenerator(IReadOnlyList<SimInstrumentSpec> instruments, int seed, long epochMillis)
    {
        ArgumentOutOfRangeException.ThrowIfZero(instruments.Count);
        _random = new Random(seed);
        _nextTradeId = 1_000_000_000L + _random.Next(100_000_000);
        _markets = new InstrumentMarket[instruments.Count];
        for (var i = 0; i < _markets.Length; i++)
        {
            var spec = instruments[i];
            if (spec.SizeDecimals > spec.SizeScale || spec.TickRaw <= 0 || spec.MinMidRaw <= spec.TickRaw * spec.TargetDepth * 3)
            {
                throw new ArgumentException($"instrument {spec.Symbol}: size decimals must be ≤ size scale and the lowest mid must leave room for the bid side");
            }

            _markets[i] = new InstrumentMarket(spec, i);
            Fill(_markets[i]);
            SeedTrades(_markets[i], epochMillis);
        }
    }

    /// <summary>Number of instruments.</summary>
    public int Count => _markets.Length;

    /// <summary>The state of instrument <paramref name="index"/>.</summary>
    public InstrumentMarket this[int index] => _markets[index];

    /// <summary>Index of the instrument with this symbol, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> symbol)
    {
        for (var i = 0; i < _markets.Length; i++)
        {
            if (symbol.SequenceEqual(_markets[i].Spec.Symbol))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Takes the next public trade id (for trades the matching engine makes against this market).</summary>
    public long NextTradeId() => _nextTradeId++;

    /// <summary>
    /// An order took <paramref name="size"/> of the best level of one side of <paramref name="instrument"/>: the level
    /// shrinks or vanishes and a public trade is recorded; <paramref name="e"/> describes both, as a generator trade would.
    /// </summary>
    public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts, out MarketEvent e)
    {
        var market = _markets[instrument];
        var side = bids ? market.Bids : market.Asks;
        var level = side[0];
        e = new MarketEvent { Kind = MarketEventKind.Trade, Instrument = instrument, IsBid = bids, LevelIndex = 0 };
        if (size >= level.Size)
        {
            e.Change = LevelChange.Delete;
            e.Level = side.RemoveAt(0);
        }
        else
        {
            side.Modify(0, level.Size - size, level.Count);
            e.Change = LevelChange.Modify;
            e.Level = side[0];
        }

        e.Trade = new TradeRecord(NextTradeId(), mts, takerBuys ? size : -size, tradePrice);
        market.RecordTrade(e.Trade);
    }

    /// <summary>Draws an integer in [0, <paramref name="maxExclusive"/>) from the generator's stream.</summary>
    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Advances instrument <paramref name="instrument"/> by one event stamped <paramref name="mts"/>.</summary>
    public void Step(int instrument, long mts, out MarketEvent e)
    {
        var market = _markets[instrument];
        e = default;
        e.Instrument = instrument;
        WalkMid(market);
        var r = _random.NextDouble();
        if (r < TradeProbability && TryTrade(market, mts, ref e))
        {
            return;
        }

        if (r < TradeProbability + TickerProbability)
        {
            e.Kind = MarketEventKind.Ticker;
            return;
        }

        ChangeLevel(market, ref e);
    }

    private void WalkMid(InstrumentMarket market)
    {
        if (_random.NextDouble() >= MidMoveProbability)
        {
            return;
        }

        var spec = market.Spec;
        var move = spec.TickRaw * (1 + _random.Next(3)) * (_random.Next(2) == 0 ? -1 : 1);
        market.MidRaw = Math.Clamp(market.MidRaw + move, spec.MinMidRaw, spec.MaxMidRaw);
    }

    private void ChangeLevel(InstrumentMarket market, ref MarketEvent e)
    {
        var isBid = _random.Next(2) == 0;
        var side = isBid ? market.Bids : market.Asks;
        var target = market.Spec.TargetDepth;
        var u = _random.NextDouble();
        var insertShare = side.Depth < target ? 0.45 : 0.2;
        var deleteShare = side.Depth > target ? 0.45 : 0.2;
        if (side.Depth == 0 || u < insertShare)
        {
            if (TryInsert(market, side, ref e))
            {
                return;
            }
        }
        else if (u < insertShare + deleteShare && side.Depth > 1)
        {
            var index = TopWeightedIndex(side.Depth);
            e.Kind = MarketEventKind.Level;
            e.IsBid = side.IsBid;
            e.Change = LevelChange.Delete;
            e.LevelIndex = index;
            e.Level = side.RemoveAt(index);
            return;
        }

        Modify(market, side, TopWeightedIndex(side.Depth), ref e);
    }

    private bool TryInsert(InstrumentMarket market, ExchangeBookSide side, ref MarketEvent e)
    {
        var spec = market.Spec;
        var tick = spec.TickRaw;
        var direction = side.IsBid ? -1 : 1;
        var price = spec.AnchoredInserts ? AnchoredInsertPrice(market, direction) : GapInsertPrice(market, side, direction);
        var other = side.IsBid ? market.Asks : market.Bids;
        if (other.Depth > 0 && !side.IsBetter(other[0].Price, price))
        {
            price = other[0].Price + (direction * tick);
        }

        if (spec.AnchoredInserts)
        {
            price = FirstFreeTickFrom(side, price, direction * tick);
        }

        if (price <= 0)
        {
            return false;
        }

        var index = side.Insert(new BookLevel(price, NextSize(spec), NextCount()));
        if (index < 0)
        {
            return false;
        }

        e.Kind = MarketEventKind.Level;
        e.IsBid = side.IsBid;
        e.Change = LevelChange.Insert;
        e.LevelIndex = index;
        e.Level = side[index];
        return true;
    }

    /// <summary>
    /// New levels gather around the mid, top-weighted: deletes and trades take levels from the top, so inserts
    /// must bring them back there, or the touch retreats from the mid (see <see cref="SimInstrumentSpec.AnchoredInserts"/>).
    /// </summary>
    private long AnchoredInsertPrice(InstrumentMarket market, int direction)
    {
        var tick = market.Spec.TickRaw;
        var distance = 1 + (long)(-Math.Log(1.0 - _random.NextDouble()) * InsertDistanceMeanTicks);
        return market.MidRaw - (market.MidRaw % tick) + (direction * tick * distance);
    }

    /// <summary>
    /// <paramref name="price"/>, or when a level is already there the first free tick beyond it: the book fills
    /// outward from the mid, dense at the top, and only grows deeper once the levels nearer the mid are all there.
    /// </summary>
    private static long FirstFreeTickFrom(ExchangeBookSide side, long price, long step)
    {
        var at = side.Find(price, out var found);
        if (!found)
        {
            return price;
        }

        while (at + 1 < side.Depth && side[at + 1].Price == side[at].Price + step)
        {
            at++;
        }

        return side[at].Price + step;
    }

    /// <summary>Into a gap among the top 40 levels, next to the mid 1 time in 40, else behind the last level.</summary>
    private long GapInsertPrice(InstrumentMarket market, ExchangeBookSide side, int direction)
    {
        var tick = market.Spec.TickRaw;
        var k = side.Depth == 0 ? 0 : _random.Next(Math.Min(side.Depth, 40));
        if (k == 0)
        {
            return market.MidRaw - (market.MidRaw % tick) + (direction * tick * (1 + _random.Next(3)));
        }

        var gap = Math.Abs(side[k].Price - side[k - 1].Price) / tick;
        return gap > 1
            ? side[k - 1].Price + (direction * tick * (1 + _random.Next((int)Math.Min(gap - 1, int.MaxValue))))
            : side[side.Depth - 1].Price + (direction * tick * (1 + _random.Next(3)));
    }

    private void Modify(InstrumentMarket market, ExchangeBookSide side, int index, ref MarketEvent e)
    {
        side.Modify(index, NextSize(market.Spec), NextCount());
        e.Kind = MarketEventKind.Level;
        e.IsBid = side.IsBid;
        e.Change = LevelChange.Modify;
        e.LevelIndex = index;
        e.Level = side[index];
    }

    private bool TryTrade(InstrumentMarket market, long mts, ref MarketEvent e)
    {
        var buy = _random.Next(2) == 0;
        var hit = buy ? market.Asks : market.Bids;
        if (hit.Depth < 2)
        {
            return false;
        }

        var spec = market.Spec;
        var level = hit[0];
        var unit = (long)FixedPoint.Pow10(spec.SizeScale - spec.SizeDecimals);
        var amount = (long)(level.Size * (0.05 + (_random.NextDouble() * 1.2)));
        amount = Math.Max(unit, amount - (amount % unit));
        e.IsBid = hit.IsBid;
        e.LevelIndex = 0;
        if (amount >= level.Size)
        {
            amount = level.Size;
            e.Change = LevelChange.Delete;
            e.Level = hit.RemoveAt(0);
        }
        else
        {
            hit.Modify(0, level.Size - amount, Math.Max(1, level.Count - _random.Next(2)));
            e.Change = LevelChange.Modify;
            e.Level = hit[0];
        }

        e.Kind = MarketEventKind.Trade;
        e.Trade = new TradeRecord(_nextTradeId++, mts, buy ? amount : -amount, level.Price);
        market.RecordTrade(e.Trade);
        return true;
    }

    private int TopWeightedIndex(int depth)
    {
        var index = (int)(-Math.Log(1.0 - _random.NextDouble()) * TopWeightMean);
        return Math.Min(index, depth - 1);
    }

    private long NextSize(SimInstrumentSpec spec)
    {
        // Sum of uniforms approximates a normal draw; exp() of it gives the long right tail of real books.
        var normal = _random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5;
        var size = spec.TypicalSizeRaw * Math.Exp(normal * 2.0 * SizeSigma);
        var unit = (long)FixedPoint.Pow10(spec.SizeScale - spec.SizeDecimals);
        var raw = (long)size;
        return Math.Max(unit, raw - (raw % unit));
    }

    private int NextCount()
    {
        var count = 1;
        while (count < MaxCount && _random.Next(3) == 0)
        {
            count++;
        }

        return count;
    }

    private void Fill(InstrumentMarket market)
    {
        var spec = market.Spec;
        var mid = market.MidRaw - (market.MidRaw % spec.TickRaw);
        var bid = mid - (spec.TickRaw * (1 + _random.Next(2)));
        var ask = mid + (spec.TickRaw * (1 + _random.Next(2)));
        for (var i = 0; i < spec.TargetDepth; i++)
        {
            market.Bids.Insert(new BookLevel(bid, NextSize(spec), NextCount()));
            market.Asks.Insert(new BookLevel(ask, NextSize(spec), NextCount()));
            bid -= spec.TickRaw * (1 + _random.Next(3));
            ask += spec.TickRaw * (1 + _random.Next(3));
        }
    }

    private void SeedTrades(InstrumentMarket market, long epochMillis)
    {
        var mts = epochMillis - 600_000;
        for (var i = 0; i < 10; i++)
        {
            mts += 1 + _random.Next(60_000);
            var buy = _random.Next(2) == 0;
            var price = buy ? market.Asks[0].Price : market.Bids[0].Price;
            var unit = (long)FixedPoint.Pow10(market.Spec.SizeScale - market.Spec.SizeDecimals);
            var amount = NextSize(market.Spec) / 4;
            amount = Math.Max(unit, amount - (amount % unit));
            market.RecordTrade(new TradeRecord(_nextTradeId++, mts, buy ? amount : -amount, price));
        }

        market.VolumeRaw += market.Spec.TypicalSizeRaw * 500;
    }
}
