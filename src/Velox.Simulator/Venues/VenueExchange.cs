using Velox.MarketData;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>
/// One venue's exchange shared by all its connections (unlike the Bitfinex simulator, where each
/// connection has its own market): one seeded <see cref="MarketGenerator"/>, one update-id counter per
/// instrument, and one log of published frames. Level changes are gathered per instrument and published
/// as one depth frame every <see cref="DepthInterval"/> (the venues' 100 ms streams), numbered with one
/// id per changed level; trades are published at once. Snapshots (REST or WebSocket) first publish what
/// is pending, so a snapshot's id is exactly the last published id. Connections drive time by calling
/// <see cref="Advance"/> from their own threads; everything runs under <see cref="Gate"/>.
/// </summary>
public sealed class VenueExchange
{
    private const int LogCapacity = 4096;

    private readonly VenueDialect _dialect;
    private readonly MarketGenerator _market;
    private readonly ChangedLevels[] _changes;
    private readonly long[] _updateIds;
    private readonly FrameWriter _writer = new();
    private readonly long _eventIntervalNanos;
    private readonly long _depthIntervalNanos;
    private readonly int _maxEventsPerAdvance;
    private readonly long _epochMillis;
    private bool _started;
    private bool _paused;
    private long _startNanos;
    private long _nowNanos;
    private long _nextEventNanos;
    private long _nextDepthNanos;

    /// <summary>Creates the exchange; <paramref name="eventsPerSecond"/> is the market's event rate over all instruments.</summary>
    public VenueExchange(VenueDialect dialect, IReadOnlyList<SimInstrumentSpec> instruments, int seed, int eventsPerSecond, TimeSpan depthInterval, long epochMillis = 1_700_000_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depthInterval, TimeSpan.FromMilliseconds(1));
        _dialect = dialect;
        _market = new MarketGenerator(instruments, seed, epochMillis);
        _changes = new ChangedLevels[_market.Count];
        _updateIds = new long[_market.Count];
        for (var i = 0; i < _changes.Length; i++)
        {
            _changes[i] = new ChangedLevels();
            _updateIds[i] = 1_000_000L * (i + 1) + _market.NextInt(1_000_000);
        }

        _eventIntervalNanos = 1_000_000_000L / eventsPerSecond;
        _depthIntervalNanos = (long)(depthInterval.TotalMilliseconds * 1_000_000);
        _maxEventsPerAdvance = Math.Max(1, eventsPerSecond / 10);
        _epochMillis = epochMillis;
        DepthInterval = depthInterval;
    }

    /// <summary>Lock of the market, the ids and the log.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The dialect frames are printed in.</summary>
    public VenueDialect Dialect => _dialect;

    /// <summary>The market (read under <see cref="Gate"/>).</summary>
    public MarketGenerator Market => _market;

    /// <summary>How often pending level changes are published.</summary>
    public TimeSpan DepthInterval { get; }

    /// <summary>Exchange time (Unix ms) of the latest advance.</summary>
    public long NowMillis => _epochMillis + ((_nowNanos - _startNanos) / 1_000_000);

    internal FrameLog Log { get; } = new(LogCapacity);

    /// <summary>Told of every generated market event under <see cref="Gate"/> (order entry: resting orders the market crosses).</summary>
    public IVenueMarketListener? Listener { get; set; }

    /// <summary>Seeded jumps of one instrument's whole book away from its mid and back (arbitrage scenarios); null: none.</summary>
    public BookDislocation? Dislocation { get; set; }

    /// <summary>Last published update id of <paramref name="instrument"/> (under <see cref="Gate"/>).</summary>
    public long UpdateId(int instrument) => _updateIds[instrument];

    /// <summary>Generates the events due at <paramref name="nowNanos"/> and publishes due depth frames.</summary>
    public void Advance(long nowNanos)
    {
        lock (Gate)
        {
            if (!_started)
            {
                _started = true;
                _startNanos = nowNanos;
                _nextEventNanos = nowNanos;
                _nextDepthNanos = nowNanos + _depthIntervalNanos;
            }

            _nowNanos = Math.Max(_nowNanos, nowNanos);
            if (_paused)
            {
                return;
            }

            // A late caller (a stalled machine) catches up at most a tenth of a second of events at once.
            for (var n = 0; _nextEventNanos <= _nowNanos && n < _maxEventsPerAdvance; n++)
            {
                Step();
                _nextEventNanos += _eventIntervalNanos;
            }

            _nextEventNanos = Math.Max(_nextEventNanos, _nowNanos - _depthIntervalNanos);
            if (Dislocation is { } dislocation && dislocation.TryNext(_nowNanos - _startNanos, out var instrument, out var delta))
            {
                ShiftBook(instrument, delta);
            }

            if (_nowNanos >= _nextDepthNanos)
            {
                PublishAll();
                _nextDepthNanos = Math.Max(_nextDepthNanos + _depthIntervalNanos, _nowNanos);
            }
        }
    }

    /// <summary>Stops the market after publishing everything pending, so clients can catch up to a still book.</summary>
    public void Pause()
    {
        lock (Gate)
        {
            PublishAll();
            _paused = true;
        }
    }

    /// <summary>Lets the market move again.</summary>
    public void Resume()
    {
        lock (Gate)
        {
            _paused = false;
            _nextEventNanos = _nowNanos;
        }
    }

    /// <summary>Publishes what is pending for <paramref name="instrument"/>; call under <see cref="Gate"/> before a snapshot.</summary>
    public void PublishPending(int instrument)
    {
        var changes = _changes[instrument];
        changes.PruneTransient(_market[instrument].Bids, _market[instrument].Asks);
        if (changes.Count == 0)
        {
            return;
        }

        var previous = _updateIds[instrument];
        var first = previous + 1;
        var last = previous + changes.Count;
        _writer.Reset();
        _dialect.WriteDepth(_writer, _market[instrument], changes, first, last, previous, NowMillis);
        Log.Append(instrument, VenueStream.Depth, first, last, _writer.Written);
        _updateIds[instrument] = last;
        changes.Clear();
    }

    /// <summary>Copies the book of <paramref name="instrument"/>, best first per side (tests and diagnostics).</summary>
    public (BookLevel[] Bids, BookLevel[] Asks) CopyBook(int instrument)
    {
        lock (Gate)
        {
            var market = _market[instrument];
            return (market.Bids.Levels.ToArray(), market.Asks.Levels.ToArray());
        }
    }

    /// <summary>
    /// Our order took <paramref name="size"/> of the best level of one side at <paramref name="tradePrice"/>: the level
    /// shrinks or goes (published with the next depth frame) and a public trade prints at once. Call under <see cref="Gate"/>.
    /// </summary>
    public void ConsumeBest(int instrument, bool bids, long size, long tradePrice, bool takerBuys)
    {
        _market.Consume(instrument, bids, size, tradePrice, takerBuys, NowMillis, out var e);
        _changes[instrument].Add(bids, e.Level.Price, inserted: false);
        _writer.Reset();
        _dialect.WriteTrade(_writer, _market[instrument], e.Trade, NowMillis);
        Log.Append(instrument, VenueStream.Trade, e.Trade.Id, e.Trade.Id, _writer.Written);
    }

    /// <summary>Moves every level of <paramref name="instrument"/> (and its mid) by <paramref name="delta"/> raw; clients see one depth frame of the move. Call under <see cref="Gate"/>.</summary>
    public void ShiftBook(int instrument, long delta)
    {
        var market = _market[instrument];
        var changes = _changes[instrument];
        foreach (var side in (ReadOnlySpan<ExchangeBookSide>)[market.Bids, market.Asks])
        {
            foreach (var level in side.Levels)
            {
                changes.Add(side.IsBid, level.Price, inserted: false);
                changes.Add(side.IsBid, level.Price + delta, inserted: true);
            }

            side.Shift(delta);
        }

        market.MidRaw += delta;
        Listener?.OnBookShifted(instrument);
    }

    private void Step()
    {
        var instrument = _market.Count == 1 ? 0 : _market.NextInt(_market.Count);
        _market.Step(instrument, NowMillis, out var e);
        if (e.Kind == MarketEventKind.Ticker)
        {
            return;
        }

        _changes[instrument].Add(e.IsBid, e.Level.Price, e.Change == LevelChange.Insert);
        if (e.Kind == MarketEventKind.Trade)
        {
            _writer.Reset();
            _dialect.WriteTrade(_writer, _market[instrument], e.Trade, NowMillis);
            Log.Append(instrument, VenueStream.Trade, e.Trade.Id, e.Trade.Id, _writer.Written);
        }

        Listener?.OnMarketEvent(e);
    }

    private void PublishAll()
    {
        for (var i = 0; i < _changes.Length; i++)
        {
            PublishPending(i);
        }
    }
}
