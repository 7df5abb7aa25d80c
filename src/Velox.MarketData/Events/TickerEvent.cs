using System.Runtime.InteropServices;
using Velox.Core.Instruments;

namespace Velox.MarketData.Events;

/// <summary>
/// One normalized ticker. Prices at the instrument price scale, sizes and volume at the size scale,
/// <see cref="DailyChangeRelative"/> at <see cref="RelativeScale"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct TickerEvent
{
    /// <summary>Decimal places of <see cref="DailyChangeRelative"/>.</summary>
    public const int RelativeScale = 8;

    public TickerEvent(
        InstrumentId instrument, long bid, long bidSize, long ask, long askSize, long dailyChange, long dailyChangeRelative,
        long last, long volume, long high, long low, long receiveNanos)
    {
        Instrument = instrument;
        Bid = bid;
        BidSize = bidSize;
        Ask = ask;
        AskSize = askSize;
        DailyChange = dailyChange;
        DailyChangeRelative = dailyChangeRelative;
        Last = last;
        Volume = volume;
        High = high;
        Low = low;
        ReceiveNanos = receiveNanos;
    }

    public long Bid { get; }

    public long BidSize { get; }

    public long Ask { get; }

    public long AskSize { get; }

    public long DailyChange { get; }

    public long DailyChangeRelative { get; }

    public long Last { get; }

    public long Volume { get; }

    public long High { get; }

    public long Low { get; }

    public long ReceiveNanos { get; }

    public InstrumentId Instrument { get; }
}
