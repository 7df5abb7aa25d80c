using Velox.Core.Numerics;

namespace Velox.Venues.Binance.Trading;

/// <summary>Free and locked balance per asset from <c>outboundAccountPosition</c>, at 8 decimals. Preallocated; single-threaded.</summary>
public sealed class BinanceBalances
{
    /// <summary>Decimals of the amounts.</summary>
    public const int Scale = 8;

    private readonly ulong[] _assets;
    private readonly long[] _free;
    private readonly long[] _locked;

    public BinanceBalances(int capacity)
    {
        _assets = new ulong[capacity];
        _free = new long[capacity];
        _locked = new long[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Updates that did not fit (table full, asset name over 8 bytes, or an amount that did not parse).</summary>
    public long Dropped { get; private set; }

    /// <summary>Applies one balance row; false when dropped.</summary>
    public bool Apply(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked)
    {
        if (!Pack(asset, out var key) || !FixedPoint.TryParse(free, Scale, out var f) || !FixedPoint.TryParse(locked, Scale, out var l))
        {
            Dropped++;
            return false;
        }

        var row = Find(key);
        if (row < 0)
        {
            if (Count == _assets.Length)
            {
                Dropped++;
                return false;
            }

            row = Count++;
            _assets[row] = key;
        }

        _free[row] = f;
        _locked[row] = l;
        return true;
    }

    /// <summary>Free and locked amounts of an asset (raw, 8 decimals).</summary>
    public bool TryGet(ReadOnlySpan<byte> asset, out long free, out long locked)
    {
        free = 0;
        locked = 0;
        if (!Pack(asset, out var key))
        {
            return false;
        }

        var row = Find(key);
        if (row < 0)
        {
            return false;
        }

        free = _free[row];
        locked = _locked[row];
        return true;
    }

    private int Find(ulong key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_assets[i] == key)
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool Pack(ReadOnlySpan<byte> asset, out ulong key)
    {
        key = 0;
        if (asset.IsEmpty || asset.Length > 8)
        {
            return false;
        }

        for (var i = 0; i < asset.Length; i++)
        {
            key |= (ulong)asset[i] << (8 * i);
        }

        return true;
    }
}
