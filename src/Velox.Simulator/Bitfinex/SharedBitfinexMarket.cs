using Velox.MarketData;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// One synthetic market for every connection of a simulator (<see cref="SimulatorOptions.SharedMarket"/>):
/// one generator seeded with <see cref="SimulatorOptions.Seed"/>, clocked from the first connection and
/// advanced by whichever connection with channels polls. Each event is rendered at once into every live session's own
/// subscriptions (channel ids, sequence numbers and checksums stay per connection), and the matching engine
/// hears of it once, for every account, so resting orders fill against the book every connection shows.
/// Everything here and every session on it runs under <see cref="Gate"/>; sessions take the gate themselves.
/// </summary>
public sealed class SharedBitfinexMarket : ISyntheticLiquidity
{
    private readonly SimulatorOptions _options;
    private readonly MatchingEngine _engine;
    private readonly MarketGenerator _market;
    private readonly List<BitfinexSession> _sessions = [];
    private readonly int[] _active;
    private readonly long _eventIntervalNanos;
    private readonly int _maxEventsPerAdvance;
    private bool _started;
    private long _startNanos;
    private long _nowNanos;
    private long _nextEventNanos;

    /// <summary>Creates the market of <paramref name="options"/>; orders live in <paramref name="engine"/>.</summary>
    public SharedBitfinexMarket(SimulatorOptions options, MatchingEngine engine)
    {
        _options = options;
        _engine = engine;
        _market = new MarketGenerator(options.Instruments, options.Seed, options.EpochMillis);
        _active = new int[_market.Count];
        _eventIntervalNanos = options.EventsPerSecond == 0 ? 0 : 1_000_000_000L / options.EventsPerSecond;
        _maxEventsPerAdvance = Math.Max(1, options.EventsPerSecond / 10);
    }

    /// <summary>Lock of the market and of every session on it.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The market (read under <see cref="Gate"/>).</summary>
    public MarketGenerator Market => _market;

    /// <summary>Market events generated so far.</summary>
    public long Events { get; private set; }

    /// <summary>Monotonic time the market's clock (and every session's MTS) counts from; set by the first connection.</summary>
    internal long StartNanos => _startNanos;

    /// <summary>Adds a session (under the gate); the first one starts the clock at <paramref name="startNanos"/>.</summary>
    internal void Register(BitfinexSession session, long startNanos)
    {
        if (!_started)
        {
            _started = true;
            _startNanos = startNanos;
            _nowNanos = startNanos;
            _nextEventNanos = startNanos;
        }

        _sessions.Add(session);
    }

    /// <summary>Removes a session that ended (under the gate).</summary>
    internal void Unregister(BitfinexSession session) => _sessions.Remove(session);

    /// <summary>
    /// Generates the events due at <paramref name="nowNanos"/> over the instruments any live session subscribes
    /// (at the configured rate, at most a tenth of a second's worth at once; one batch when unthrottled), rendering
    /// each into every session. Caller holds the gate. Returns the number of events.
    /// </summary>
    internal int Advance(long nowNanos)
    {
        _nowNanos = Math.Max(_nowNanos, nowNanos);
        var active = CollectActive();
        if (active == 0)
        {
            _nextEventNanos = _nowNanos;
            return 0;
        }

        var events = 0;
        if (_eventIntervalNanos == 0)
        {
            for (; events < _options.UnthrottledBatch; events++)
            {
                Step(active);
            }

            return events;
        }

        for (; _nextEventNanos <= _nowNanos && events < _maxEventsPerAdvance; events++)
        {
            Step(active);
            _nextEventNanos += _eventIntervalNanos;
        }

        // A caller late by more than the cap (a stalled machine) skips ahead instead of bursting.
        _nextEventNanos = Math.Max(_nextEventNanos, _nowNanos - (_eventIntervalNanos * _maxEventsPerAdvance));
        return events;
    }

    /// <inheritdoc/>
    public int Depth(int instrument, bool bids) => (bids ? _market[instrument].Bids : _market[instrument].Asks).Depth;

    /// <inheritdoc/>
    public BookLevel Level(int instrument, bool bids, int index) => (bids ? _market[instrument].Bids : _market[instrument].Asks)[index];

    /// <inheritdoc/>
    public void Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts)
    {
        // An order took (part of) the best level: every connection sees the level shrink or vanish and the trade.
        _market.Consume(instrument, bids, size, tradePrice, takerBuys, mts, out var e);
        Render(e);
    }

    private long Mts => _options.EpochMillis + ((_nowNanos - _startNanos) / 1_000_000);

    private void Step(int active)
    {
        var instrument = _active[active == 1 ? 0 : _market.NextInt(active)];
        var mts = Mts;
        _market.Step(instrument, mts, out var e);
        Events++;
        Render(e);
        if (e.Kind == MarketEventKind.Ticker)
        {
            return;
        }

        // The venue matches every account's resting orders, whichever connections (if any) it is logged in on.
        for (var account = 0; account < _engine.AccountCount; account++)
        {
            if (e.Kind == MarketEventKind.Trade)
            {
                _engine.OnSyntheticTrade(account, e.Instrument, e.Trade.PriceRaw, e.Trade.AmountRaw, mts);
            }

            _engine.OnSyntheticBook(account, e.Instrument, this, mts);
        }
    }

    private void Render(in MarketEvent e)
    {
        for (var s = 0; s < _sessions.Count; s++)
        {
            _sessions[s].RenderShared(e, _nowNanos);
        }
    }

    private int CollectActive()
    {
        var count = 0;
        for (var i = 0; i < _market.Count; i++)
        {
            for (var s = 0; s < _sessions.Count; s++)
            {
                if (_sessions[s].IsActive(i))
                {
                    _active[count++] = i;
                    break;
                }
            }
        }

        return count;
    }
}
