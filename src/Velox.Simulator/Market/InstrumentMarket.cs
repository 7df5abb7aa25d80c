using Velox.Venues.Bitfinex;

namespace Velox.Simulator.Market;

/// <summary>
/// The exchange-side state of one instrument: its book, recent trades and the rolling ticker figures,
/// all in fixed point at the spec's scales.
/// </summary>
public sealed class InstrumentMarket
{
    /// <summary>Trades kept for the trades-channel snapshot (Bitfinex sends the last 30).</summary>
    public const int TradeHistoryCapacity = 30;

    /// <summary>Scale of <see cref="DailyChangeRelativeRaw"/> (Bitfinex prints four decimals, e.g. -0.0209).</summary>
    public const int RelativeChangeScale = 4;

    private readonly TopLevelText _checksumText;
    private readonly TradeRecord[] _trades = new TradeRecord[TradeHistoryCapacity];
    private int _tradeCount;
    private int _tradeNext;

    /// <summary>Creates the empty state for <paramref name="spec"/>.</summary>
    public InstrumentMarket(SimInstrumentSpec spec, int index)
    {
        Spec = spec;
        Index = index;
        var capacity = (spec.TargetDepth * 2) + 16;
        Bids = new ExchangeBookSide(isBid: true, capacity);
        Asks = new ExchangeBookSide(isBid: false, capacity);
        _checksumText = new TopLevelText(spec.PriceScale, spec.SizeScale);
        MidRaw = spec.InitialMidRaw;
        OpenRaw = spec.InitialMidRaw - (spec.InitialMidRaw % spec.TickRaw);
        LastRaw = OpenRaw;
        HighRaw = OpenRaw;
        LowRaw = OpenRaw;
    }

    /// <summary>How the instrument is shaped.</summary>
    public SimInstrumentSpec Spec { get; }

    /// <summary>Position of the instrument in its generator.</summary>
    public int Index { get; }

    /// <summary>The bid side, best (highest) first.</summary>
    public ExchangeBookSide Bids { get; }

    /// <summary>The ask side, best (lowest) first.</summary>
    public ExchangeBookSide Asks { get; }

    /// <summary>The random-walk mid that new top-of-book levels gather around.</summary>
    public long MidRaw { get; internal set; }

    /// <summary>Price the daily change is measured from.</summary>
    public long OpenRaw { get; }

    /// <summary>Price of the latest trade (the open before any).</summary>
    public long LastRaw { get; private set; }

    /// <summary>Highest traded price.</summary>
    public long HighRaw { get; private set; }

    /// <summary>Lowest traded price.</summary>
    public long LowRaw { get; private set; }

    /// <summary>Traded volume (size scale).</summary>
    public long VolumeRaw { get; internal set; }

    /// <summary>LAST_PRICE − open, price scale.</summary>
    public long DailyChangeRaw => LastRaw - OpenRaw;

    /// <summary>(LAST_PRICE − open) / open at <see cref="RelativeChangeScale"/>, truncated.</summary>
    public long DailyChangeRelativeRaw => (long)((Int128)DailyChangeRaw * 10_000 / OpenRaw);

    /// <summary>
    /// The Bitfinex checksum of the book as a client subscribed with <paramref name="len"/> sees it:
    /// CRC-32 over the best min(len, 25) levels per side, interleaved "bidPx:bidAmt:askPx:askAmt:...".
    /// </summary>
    public int Checksum(int len) => _checksumText.Checksum(Bids.Levels, Asks.Levels, len);

    /// <summary>Number of trades in the history (at most <see cref="TradeHistoryCapacity"/>).</summary>
    public int TradeCount => _tradeCount;

    /// <summary>The i-th most recent trade (0 = newest).</summary>
    public ref readonly TradeRecord RecentTrade(int i) =>
        ref _trades[(_tradeNext - 1 - i + TradeHistoryCapacity) % TradeHistoryCapacity];

    /// <summary>Records a trade in the history and the ticker figures.</summary>
    public void RecordTrade(in TradeRecord trade)
    {
        _trades[_tradeNext] = trade;
        _tradeNext = (_tradeNext + 1) % TradeHistoryCapacity;
        _tradeCount = Math.Min(_tradeCount + 1, TradeHistoryCapacity);
        LastRaw = trade.PriceRaw;
        HighRaw = Math.Max(HighRaw, trade.PriceRaw);
        LowRaw = Math.Min(LowRaw, trade.PriceRaw);
        VolumeRaw += Math.Abs(trade.AmountRaw);
    }
}
