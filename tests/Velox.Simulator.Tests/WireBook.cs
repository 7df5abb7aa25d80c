using System.Text;
using System.Text.Json;
using Velox.Core.Hashing;
using Velox.Core.Numerics;
using Velox.MarketData;
using Velox.Venues.Bitfinex;

namespace Velox.Simulator.Tests;

/// <summary>
/// An independent client-side book built only from the frames: keeps each level's price and amount
/// token text as received, so its checksum is the CRC of the wire text itself.
/// </summary>
public sealed class WireBook
{
    private readonly SortedDictionary<long, (string Price, string Amount, long Size)> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, (string Price, string Amount, long Size)> _asks = [];
    private readonly int _priceScale;
    private readonly int _sizeScale;

    public WireBook(int priceScale, int sizeScale)
    {
        _priceScale = priceScale;
        _sizeScale = sizeScale;
    }

    public int BidCount => _bids.Count;

    public int AskCount => _asks.Count;

    /// <summary>The best ask as received (price token text and size raw), or null when the side is empty.</summary>
    public (string Price, long Size)? BestAsk => _asks.Count == 0 ? null : (_asks.First().Value.Price, _asks.First().Value.Size);

    public IEnumerable<string> PriceTokens => _bids.Values.Select(v => v.Price).Concat(_asks.Values.Select(v => v.Price));

    public void ApplySnapshot(JsonElement levels)
    {
        _bids.Clear();
        _asks.Clear();
        foreach (var level in levels.EnumerateArray())
        {
            Apply(level);
        }
    }

    public void Apply(JsonElement level)
    {
        var priceText = level[0].GetRawText();
        var amountText = level[2].GetRawText();
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(priceText), _priceScale, out var price), Is.True, priceText);
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(amountText), _sizeScale, out var amount), Is.True, amountText);
        var count = level[1].GetInt32();
        var book = amount > 0 ? _bids : _asks;
        if (count == 0)
        {
            Assert.That(amount is 100_000_000 or -100_000_000, Is.True, "delete carries amount 1 or -1");
            Assert.That(book.Remove(price), Is.True, $"delete of a level the client does not hold: {priceText}");
        }
        else
        {
            book[price] = (priceText, amountText, Math.Abs(amount));
        }
    }

    /// <summary>CRC-32 of "bidPx:bidAmt:askPx:askAmt:..." over the received token text.</summary>
    public int WireTextChecksum()
    {
        var bids = _bids.Values.Take(25).ToArray();
        var asks = _asks.Values.Take(25).ToArray();
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Length)
            {
                parts.Add(bids[i].Price);
                parts.Add(bids[i].Amount);
            }

            if (i < asks.Length)
            {
                parts.Add(asks[i].Price);
                parts.Add(asks[i].Amount);
            }
        }

        return (int)Crc32.Compute(Encoding.ASCII.GetBytes(string.Join(':', parts)));
    }

    /// <summary>The same checksum via BitfinexChecksum over the parsed fixed-point levels.</summary>
    public int FixedPointChecksum() => BitfinexChecksum.Compute(
        _bids.Select(kv => new BookLevel(kv.Key, kv.Value.Size, 1)).ToArray(),
        _asks.Select(kv => new BookLevel(kv.Key, kv.Value.Size, 1)).ToArray(),
        _priceScale,
        _sizeScale);
}
