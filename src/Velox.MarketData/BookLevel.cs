using System.Runtime.InteropServices;

namespace Velox.MarketData;

/// <summary>One price level of an aggregated (L2) book, in fixed point at the instrument's scales.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct BookLevel
{
    /// <summary>Price raw value (instrument price scale).</summary>
    public long Price;

    /// <summary>Total size at this level, always positive (instrument size scale).</summary>
    public long Size;

    /// <summary>Number of orders at the level where the venue reports it; 0 otherwise.</summary>
    public int Count;

    public BookLevel(long price, long size, int count)
    {
        Price = price;
        Size = size;
        Count = count;
    }

    public override readonly string ToString() => $"{Price}x{Size}({Count})";
}
