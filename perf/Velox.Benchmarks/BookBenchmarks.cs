using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.Venues.Bitfinex;

namespace Velox.Benchmarks;

/// <summary>
/// L2Book apply alone (near-top skewed changes on a 100-level book) and the Bitfinex checksum over
/// 25x25: uncached, cached after one level changed (the live case: a cs after an update; includes
/// the Apply), and cached with every level new (two books in turn).
/// </summary>
[MemoryDiagnoser]
public class BookBenchmarks
{
    private const int Changes = 20_000;
    private const long Tick = 1_000_000_000; // 0.1 at price scale 10

    private readonly L2Book _book = new(new InstrumentId(0), 100);
    private readonly L2Book _checksumBook = new(new InstrumentId(0), 25);
    private readonly L2Book _tinyPriceChecksumBook = new(new InstrumentId(0), 25);
    private readonly L2Book _otherChecksumBook = new(new InstrumentId(0), 25);
    private readonly TopLevelText _checksumText = new(10, 8);
    private readonly TopLevelText _coldChecksumText = new(10, 8);
    private long _changedSize = 1;
    private bool _other;
    private Side[] _sides = null!;
    private long[] _prices = null!;
    private long[] _sizes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _sides = new Side[Changes];
        _prices = new long[Changes];
        _sizes = new long[Changes];
        for (var i = 0; i < Changes; i++)
        {
            var bid = random.Next(2) == 0;
            var depth = (int)Math.Min(120, -Math.Log(1 - random.NextDouble()) * 5);
            _sides[i] = bid ? Side.Bid : Side.Ask;
            _prices[i] = bid ? 64430 * Tick - (depth * Tick) : 64431 * Tick + (depth * Tick);
            _sizes[i] = random.Next(4) == 0 ? 0 : random.Next(1, 100_000_000);
        }

        for (var i = 0; i < 25; i++)
        {
            // BTC-like levels (plain decimals) and VET/BTC-like tiny prices that print in exponent form (7e-7).
            _checksumBook.Apply(Side.Bid, (64430 * Tick) - (i * Tick), 184853091 + (i * 7), 1 + (i % 3));
            _checksumBook.Apply(Side.Ask, (64431 * Tick) + (i * Tick), 2034426905 - (i * 11), 1);
            _tinyPriceChecksumBook.Apply(Side.Bid, 1000 - (i * 10), 27112294 + i, 1);
            _tinyPriceChecksumBook.Apply(Side.Ask, 1100 + (i * 10), 52810269042633 + i, 1);
            _otherChecksumBook.Apply(Side.Bid, (64000 * Tick) - (i * Tick), 284853091 + (i * 7), 1);
            _otherChecksumBook.Apply(Side.Ask, (65431 * Tick) + (i * Tick), 1034426905 - (i * 11), 1);
        }

        Fill();
    }

    [Benchmark(OperationsPerInvoke = Changes)]
    public int Apply()
    {
        var book = _book;
        var n = 0;
        for (var i = 0; i < _prices.Length; i++)
        {
            n += (int)book.Apply(_sides[i], _prices[i], _sizes[i], 1);
        }

        return n;
    }

    [Benchmark]
    public int Checksum25X25() => BitfinexChecksum.Compute(_checksumBook, 10, 8);

    [Benchmark]
    public int Checksum25X25TinyPrices() => BitfinexChecksum.Compute(_tinyPriceChecksumBook, 10, 8);

    [Benchmark]
    public int Checksum25X25CachedOneLevelChanged()
    {
        _changedSize ^= 3;
        _checksumBook.Apply(Side.Bid, (64430 * Tick) - (3 * Tick), 184853000 + _changedSize, 1);
        return _checksumText.Checksum(_checksumBook);
    }

    [Benchmark]
    public int Checksum25X25CachedAllLevelsNew()
    {
        _other = !_other;
        return _coldChecksumText.Checksum(_other ? _otherChecksumBook : _checksumBook);
    }

    private void Fill()
    {
        for (var i = 0; i < 100; i++)
        {
            _book.Apply(Side.Bid, 64430 * Tick - (i * Tick), 1, 1);
            _book.Apply(Side.Ask, 64431 * Tick + (i * Tick), 1, 1);
        }
    }
}
