using System.Runtime.InteropServices;

namespace Velox.Native;

/// <summary>
/// velox_top_of_book: best bid and ask as exact fixed-point integers (value = raw / 10^scale).
/// The layout is ABI and mirrored, with static asserts, in velox.h.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeTopOfBook
{
    public long BidPrice;
    public long BidSize;
    public long AskPrice;
    public long AskSize;
    public int PriceScale;
    public int SizeScale;

    /// <summary>Levels on the bid side; 0 means no bid (BidPrice and BidSize are 0).</summary>
    public int BidLevels;

    /// <summary>Levels on the ask side; 0 means no ask (AskPrice and AskSize are 0).</summary>
    public int AskLevels;

    /// <summary>Book sync state: 0 awaiting snapshot, 1 in sync, 2 resyncing, 3 paused.</summary>
    public int SyncState;
}
