using System.Runtime.InteropServices;
using Velox.Core;
using Velox.Core.Instruments;

namespace Velox.MarketData.Events;

/// <summary>One normalized price-level change, after it was applied to the local book.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct BookUpdate
{
    public BookUpdate(InstrumentId instrument, Side side, long price, long size, int count, BookUpdateFlags flags, long receiveNanos)
    {
        Instrument = instrument;
        Side = side;
        Price = price;
        Size = size;
        Count = count;
        Flags = flags;
        ReceiveNanos = receiveNanos;
    }

    /// <summary>Price raw value (instrument price scale).</summary>
    public long Price { get; }

    /// <summary>New total size at the level (0 on delete), instrument size scale.</summary>
    public long Size { get; }

    /// <summary>Monotonic receive time of the frame that carried the change.</summary>
    public long ReceiveNanos { get; }

    /// <summary>Orders at the level, where the venue reports it.</summary>
    public int Count { get; }

    public InstrumentId Instrument { get; }

    public Side Side { get; }

    public BookUpdateFlags Flags { get; }
}
