namespace Velox.Simulator.Venues;

/// <summary>The prices of one instrument whose level changed since its last depth frame, per side, without repeats.</summary>
public sealed class ChangedLevels
{
    private long[] _bids = new long[64];
    private long[] _asks = new long[64];
    private bool[] _bidsNew = new bool[64];
    private bool[] _asksNew = new bool[64];

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

    /// <summary>Notes a change of the level at <paramref name="price"/>; <paramref name="inserted"/> when the change created it.</summary>
    public void Add(bool isBid, long price, bool inserted)
    {
        if (isBid)
        {
            BidCount = Add(ref _bids, ref _bidsNew, BidCount, price, inserted);
        }
        else
        {
            AskCount = Add(ref _asks, ref _asksNew, AskCount, price, inserted);
        }
    }

    /// <summary>Forgets levels created and removed again since the last depth frame: the client never saw them.</summary>
    public void PruneTransient(Market.ExchangeBookSide bids, Market.ExchangeBookSide asks)
    {
        BidCount = Prune(_bids, _bidsNew, BidCount, bids);
        AskCount = Prune(_asks, _asksNew, AskCount, asks);
    }

    /// <summary>Forgets every change (after a depth frame was published).</summary>
    public void Clear()
    {
        BidCount = 0;
        AskCount = 0;
    }

    private static int Add(ref long[] prices, ref bool[] created, int count, long price, bool inserted)
    {
        if (prices.AsSpan(0, count).Contains(price))
        {
            return count;
        }

        if (count == prices.Length)
        {
            Array.Resize(ref prices, count * 2);
            Array.Resize(ref created, count * 2);
        }

        prices[count] = price;
        created[count] = inserted;
        return count + 1;
    }

    private static int Prune(long[] prices, bool[] created, int count, Market.ExchangeBookSide side)
    {
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (created[i])
            {
                side.Find(prices[i], out var found);
                if (!found)
                {
                    continue;
                }
            }

            prices[kept] = prices[i];
            created[kept] = created[i];
            kept++;
        }

        return kept;
    }
}
