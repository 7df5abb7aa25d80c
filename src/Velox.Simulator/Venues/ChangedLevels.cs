namespace Velox.Simulator.Venues;

/// <summary>The prices of one instrument whose level changed since its last depth frame, per side, without repeats.</summary>
public sealed class ChangedLevels
{
    private long[] _bids = new long[64];
    private long[] _asks = new long[64];

    /// <summary>Changed bid prices, in first-change order.</summary>
    public ReadOnlySpan<long> Bids => _bids.AsSpan(0, BidCount);

    /// <summary>Changed ask prices, in first-change order.</summary>
    public ReadOnlySpan<long> Asks => _asks.AsSpan(0, AskCount);

    /// <summary>Number of changed bid prices.</summary>
    public int BidCount { get; private set; }

    /// <summary>Number of changed ask prices.</summary>
    public int AskCount { get; private set; }

    /// <summary>Changed prices on both sides.</summary>
    public int Count => BidCount + AskCount;

    /// <summary>Notes a change of the level at <paramref name="price"/>.</summary>
    public void Add(bool isBid, long price)
    {
        if (isBid)
        {
            BidCount = Add(ref _bids, BidCount, price);
        }
        else
        {
            AskCount = Add(ref _asks, AskCount, price);
        }
    }

    /// <summary>Forgets every change (after a depth frame was published).</summary>
    public void Clear()
    {
        BidCount = 0;
        AskCount = 0;
    }

    private static int Add(ref long[] prices, int count, long price)
    {
        if (prices.AsSpan(0, count).Contains(price))
        {
            return count;
        }

        if (count == prices.Length)
        {
            Array.Resize(ref prices, count * 2);
        }

        prices[count] = price;
        return count + 1;
    }
}
