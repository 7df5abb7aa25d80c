using System.Globalization;
using System.Text;

namespace Velox.PeerBench.Loopback;

/// <summary>
/// The order book a typical .NET client keeps: price → size in two SortedDictionary&lt;decimal, decimal&gt;,
/// checksum text built with string.Join over decimal.ToString. Deliberately ordinary code: it is the
/// baseline Velox is compared with, not a straw man (no needless copies, no exceptions in the loop).
/// </summary>
public sealed class NaiveBook
{
    private const int ChecksumDepth = 25;

    public SortedDictionary<decimal, decimal> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

    public SortedDictionary<decimal, decimal> Asks { get; } = new();

    /// <summary>Applies a P0 level: count 0 deletes (amount 1 bid, -1 ask), the amount sign is the side.</summary>
    public void Apply(decimal price, long count, decimal amount)
    {
        var side = amount > 0 ? Bids : Asks;
        if (count == 0)
        {
            side.Remove(price);
        }
        else
        {
            side[price] = Math.Abs(amount);
        }
    }

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>Bitfinex checksum: CRC-32 of "bidPx:bidAmt:askPx:askAmt:..." over the top 25 of each side.</summary>
    public int Checksum()
    {
        var bids = Bids.Take(ChecksumDepth).ToList();
        var asks = Asks.Take(ChecksumDepth).ToList();
        var parts = new List<string>(4 * ChecksumDepth);
        for (var i = 0; i < ChecksumDepth; i++)
        {
            if (i < bids.Count)
            {
                parts.Add(bids[i].Key.ToString(CultureInfo.InvariantCulture));
                parts.Add(bids[i].Value.ToString(CultureInfo.InvariantCulture));
            }

            if (i < asks.Count)
            {
                parts.Add(asks[i].Key.ToString(CultureInfo.InvariantCulture));
                parts.Add((-asks[i].Value).ToString(CultureInfo.InvariantCulture));
            }
        }

        return (int)Crc32(Encoding.UTF8.GetBytes(string.Join(':', parts)));
    }

    private static readonly uint[] Table = BuildTable();

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
