using System.Runtime.InteropServices;
using Velox.Core;
using Velox.Core.Instruments;

namespace Velox.MarketData.Events;

/// <summary>One normalized public trade.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct TradeEvent
{
    public TradeEvent(InstrumentId instrument, long tradeId, long timestampMs, long price, long amount, bool fromSnapshot, long receiveNanos)
    {
        Instrument = instrument;
        TradeId = tradeId;
        TimestampMs = timestampMs;
        Price = price;
        Amount = amount;
        FromSnapshot = fromSnapshot;
        ReceiveNanos = receiveNanos;
    }

    /// <summary>Venue trade id.</summary>
    public long TradeId { get; }

    /// <summary>Venue execution time, Unix milliseconds.</summary>
    public long TimestampMs { get; }

    /// <summary>Price raw value (instrument price scale).</summary>
    public long Price { get; }

    /// <summary>Signed amount (size scale): positive when the buyer was the aggressor.</summary>
    public long Amount { get; }

    /// <summary>Monotonic receive time of the frame.</summary>
    public long ReceiveNanos { get; }

    public InstrumentId Instrument { get; }

    /// <summary>True for historical trades replayed in a subscription snapshot.</summary>
    public bool FromSnapshot { get; }

    /// <summary>The aggressor (taker) side: Bid for a buy, Ask for a sell.</summary>
    public Side AggressorSide => Amount >= 0 ? Side.Bid : Side.Ask;
}
