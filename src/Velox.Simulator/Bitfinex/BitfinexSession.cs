using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Velox.Simulator.Faults;
using Velox.Simulator.Market;
using Velox.Simulator.Matching;
using Velox.Venues.Bitfinex;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// The Bitfinex WebSocket v2 public dialect for one connection, independent of the transport: it
/// takes client text messages (<see cref="OnClientMessage"/>) and time (<see cref="Poll"/>) and
/// writes outbound frames to an <see cref="IFrameSink"/>. By default each connection has its own seeded
/// market, so a session's frame stream depends only on the options, the connection index, the
/// client's messages and the poll times; not thread-safe: one thread drives a session. On a
/// <see cref="SharedBitfinexMarket"/> every call takes the market's gate, any connection's thread may
/// render market events into the session, and the session's own thread sends them on.
/// </summary>
[SuppressMessage("Security", "CA5394", Justification = "Channel ids and delays come from a seeded PRNG for reproducibility.")]
public sealed partial class BitfinexSession : ISimulatedConnection, ISyntheticLiquidity
{
    /// <summary>Channels one connection may hold (Bitfinex allows 25 public channels per connection).</summary>
    public const int MaxChannels = 25;

    private const int PendingCapacity = 1024;
    private const int CorruptChecksumMask = 0x5A5A5A5A;

    private readonly SimulatorOptions _options;
    private readonly IFrameSink _sink;
    private readonly SharedBitfinexMarket? _shared;
    private readonly SharedFrameBuffer? _buffer;
    private readonly MarketGenerator _market;
    private readonly Random _ids;
    private readonly FrameWriter _writer = new();
    private readonly Subscription[] _channels = new Subscription[MaxChannels];
    private readonly int[] _activeInstruments;
    private readonly PendingTradeUpdate[] _pending = new PendingTradeUpdate[PendingCapacity];
    private readonly ConcurrentQueue<ScheduledFault> _requestedFaults = new();
    private readonly long _startNanos;
    private readonly long _mtsOriginNanos;
    private readonly long _eventIntervalNanos;
    private readonly long _heartbeatNanos;
    private int _activeInstrumentCount;
    private int _pendingHead;
    private int _pendingCount;
    private int _flags;
    private long _sequence;
    private long _nowNanos;
    private long _nextEventNanos;
    private int _nextChanId;
    private long _faultOrdinal;
    private long _nextFaultNanos;
    private ScheduledFault _nextFault;
    private long _stalledUntilNanos;
    private bool _maintenance;
    private bool _dropNext;
    private bool _corruptNextChecksum;

    /// <summary>Creates the session of connection number <paramref name="connectionIndex"/> started at <paramref name="startNanos"/>, with accounts of its own.</summary>
    public BitfinexSession(SimulatorOptions options, IFrameSink sink, int connectionIndex, long startNanos)
        : this(options, sink, connectionIndex, startNanos, new MatchingEngine(options.Instruments, options.Accounts, options.Fees, options.Seed))
    {
    }

    /// <summary>Creates the session of connection number <paramref name="connectionIndex"/>; accounts and orders live in the shared <paramref name="engine"/>.</summary>
    public BitfinexSession(SimulatorOptions options, IFrameSink sink, int connectionIndex, long startNanos, MatchingEngine engine)
        : this(options, sink, connectionIndex, startNanos, engine, shared: null)
    {
    }

    /// <summary>
    /// Creates the session of connection number <paramref name="connectionIndex"/> on <paramref name="shared"/>'s market
    /// (null: a market of its own); accounts and orders live in <paramref name="engine"/>.
    /// </summary>
    public BitfinexSession(SimulatorOptions options, IFrameSink sink, int connectionIndex, long startNanos, MatchingEngine engine, SharedBitfinexMarket? shared)
    {
        options.Validate();
        _engine = engine;
        _outbox = new ExecutionOutbox();
        _orderEntryRandom = new Random(unchecked((options.Seed + connectionIndex) * 104_729) + 17);
        _options = options;
        var seed = unchecked(options.Seed + connectionIndex);
        _ids = new Random(unchecked(seed * 7919));
        _startNanos = startNanos;
        _nowNanos = startNanos;
        if (shared is null)
        {
            _sink = sink;
            _market = new MarketGenerator(options.Instruments, seed, options.EpochMillis);
            _mtsOriginNanos = startNanos;
        }
        else
        {
            _shared = shared;
            _buffer = new SharedFrameBuffer(sink, shared.Gate);
            _sink = _buffer;
            _market = shared.Market;
        }

        _activeInstruments = new int[_market.Count];
        _nextEventNanos = startNanos;
        _eventIntervalNanos = options.EventsPerSecond == 0 ? 0 : 1_000_000_000L / options.EventsPerSecond;
        _heartbeatNanos = (long)(options.HeartbeatInterval.TotalMilliseconds * 1_000_000);
        _nextChanId = 10_000 + _ids.Next(250_000);
        ScheduleNextFault();
        if (shared is not null)
        {
            // Last: from here on other connections' threads render into this session.
            lock (shared.Gate)
            {
                shared.Register(this, startNanos);
                _mtsOriginNanos = shared.StartNanos;
            }
        }
    }

    /// <summary>The connection's market, or the shared one (read-only use: tests and diagnostics; a shared one under its gate).</summary>
    public MarketGenerator Market => _market;

    /// <summary>Flags accepted by the last "conf".</summary>
    public int Flags => _flags;

    /// <summary>Last sequence number assigned to a channel frame (0 before the first).</summary>
    public long Sequence => _sequence;

    /// <summary>True once the session closed its sink (a Disconnect fault).</summary>
    public bool IsClosed { get; private set; }

    /// <summary>True until the stall injected last has run out (as of the latest poll).</summary>
    public bool IsStalled => _nowNanos < _stalledUntilNanos;

    /// <summary>True between a 20060 and a 20061 info event: market data is paused.</summary>
    public bool InMaintenance => _maintenance;

    /// <summary>Sends the connection's opening "info" event.</summary>
    public void Open()
    {
        if (_shared is null)
        {
            OpenCore();
            return;
        }

        lock (_shared.Gate)
        {
            OpenCore();
        }

        _buffer!.Flush();
    }

    private void OpenCore()
    {
        _writer.Reset();
        _writer.Raw("{\"event\":\"info\",\"version\":2,\"serverId\":\""u8);
        WriteServerId();
        _writer.Raw("\",\"platform\":{\"status\":1}}"u8);
        _sink.Send(_writer.Written);
    }

    /// <summary>
    /// Advances the session to <paramref name="nowNanos"/>: due faults, due "tu" frames, market events
    /// (throttled to the configured rate, or one batch when unthrottled) and heartbeats.
    /// Returns the number of market events generated.
    /// </summary>
    public int Poll(long nowNanos)
    {
        if (_shared is null)
        {
            return PollCore(nowNanos);
        }

        int events;
        lock (_shared.Gate)
        {
            events = PollCore(nowNanos);
        }

        // Frames other connections' threads rendered here wait while the connection is stalled, as a hung server's would.
        return IsStalled || IsClosed ? events : events + _buffer!.Flush();
    }

    private int PollCore(long nowNanos)
    {
        if (IsClosed)
        {
            return 0;
        }

        _nowNanos = Math.Max(_nowNanos, nowNanos);
        while (!IsClosed && _requestedFaults.TryDequeue(out var requested))
        {
            Apply(requested);
        }

        while (_nextFaultNanos >= 0 && _nextFaultNanos <= _nowNanos && !IsClosed)
        {
            Apply(_nextFault);
            ScheduleNextFault();
        }

        if (IsClosed || _nowNanos < _stalledUntilNanos)
        {
            return 0;
        }

        FlushTradeUpdates(dueOnly: true);
        FlushExecutions();
        var events = 0;
        if (_shared is not null)
        {
            // Only connections with channels drive the clock: the market moves for its readers, and a connection
            // that only trades (og) never renders a reader's frames, which would then wait for the reader's next poll.
            if (_activeInstrumentCount > 0)
            {
                events = _shared.Advance(_nowNanos);
            }
        }
        else if (!_maintenance && _activeInstrumentCount > 0)
        {
            if (_eventIntervalNanos == 0)
            {
                for (; events < _options.UnthrottledBatch; events++)
                {
                    NextEvent();
                }
            }
            else
            {
                _nextEventNanos = Math.Max(_nextEventNanos, _stalledUntilNanos);
                while (_nextEventNanos <= _nowNanos)
                {
                    NextEvent();
                    events++;
                    _nextEventNanos += _eventIntervalNanos;
                }
            }
        }
        else
        {
            _nextEventNanos = _nowNanos;
        }

        FlushExecutions();
        SendHeartbeats();
        SendAccountHeartbeat();
        return events;
    }

    /// <summary>Requests a fault outside the schedule; it applies at the next <see cref="Poll"/>. Any thread may call this.</summary>
    public void Inject(FaultKind kind, int stallMillis = 0) => _requestedFaults.Enqueue(new ScheduledFault(0, kind, stallMillis));

    private long Mts => _options.EpochMillis + ((_nowNanos - _mtsOriginNanos) / 1_000_000);

    /// <summary>True when a channel of the session is on <paramref name="instrument"/> (shared market, under its gate).</summary>
    internal bool IsActive(int instrument)
    {
        if (IsClosed)
        {
            return false;
        }

        for (var i = 0; i < _activeInstrumentCount; i++)
        {
            if (_activeInstruments[i] == instrument)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renders one event of the shared market into this connection's channels (under the market's gate, any thread).</summary>
    internal void RenderShared(in MarketEvent e, long nowNanos)
    {
        if (IsClosed || _maintenance)
        {
            return;
        }

        _nowNanos = Math.Max(_nowNanos, nowNanos);
        Render(e);
    }

    private void NextEvent()
    {
        var instrument = _activeInstruments[_activeInstrumentCount == 1 ? 0 : _market.NextInt(_activeInstrumentCount)];
        _market.Step(instrument, Mts, out var e);
        Render(e);
        if (e.Kind == MarketEventKind.Ticker)
        {
            return;
        }

        if (_account >= 0)
        {
            if (e.Kind == MarketEventKind.Trade)
            {
                _engine.OnSyntheticTrade(_account, e.Instrument, e.Trade.PriceRaw, e.Trade.AmountRaw, Mts);
            }

            _engine.OnSyntheticBook(_account, e.Instrument, this, Mts);
        }
    }

    /// <summary>Sends one market event to this connection's channels: level and trade updates, or a ticker.</summary>
    private void Render(in MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.Level:
                OnLevel(e);
                break;
            case MarketEventKind.Trade:
                OnLevel(e);
                OnTrade(e.Instrument, e.Trade);
                break;
            default:
                OnTicker(e.Instrument);
                break;
        }
    }

    private void OnLevel(in MarketEvent e)
    {
        var market = _market[e.Instrument];
        var side = e.IsBid ? market.Bids : market.Asks;
        for (var c = 0; c < _channels.Length; c++)
        {
            ref var ch = ref _channels[c];
            if (ch.Kind != ChannelKind.Book || ch.Instrument != e.Instrument || e.LevelIndex >= ch.Len)
            {
                continue;
            }

            // The venue keeps exactly len levels per side in the client's view: a level entering the
            // window pushes the worst one out, a level leaving it pulls the next one in. The delete
            // goes first so the client's book never holds more than len levels.
            switch (e.Change)
            {
                case LevelChange.Insert:
                    if (side.Depth > ch.Len)
                    {
                        SendDelete(ref ch, side[ch.Len].Price, market.Spec.PriceScale, e.IsBid);
                    }

                    SendLevel(ref ch, market, e.Level, e.IsBid);
                    break;
                case LevelChange.Modify:
                    SendLevel(ref ch, market, e.Level, e.IsBid);
                    break;
                default:
                    SendDelete(ref ch, e.Level.Price, market.Spec.PriceScale, e.IsBid);
                    if (side.Depth >= ch.Len)
                    {
                        SendLevel(ref ch, market, side[ch.Len - 1], e.IsBid);
                    }

                    break;
            }

            if ((_flags & BitfinexFlags.OrderBookChecksum) != 0 && ++ch.UpdatesSinceChecksum >= _options.ChecksumEvery)
            {
                ch.UpdatesSinceChecksum = 0;
                SendChecksum(ref ch, market);
            }
        }
    }

    private void OnTrade(int instrument, in TradeRecord trade)
    {
        var market = _market[instrument];
        var subscribed = false;
        for (var c = 0; c < _channels.Length; c++)
        {
            ref var ch = ref _channels[c];
            if (ch.Kind == ChannelKind.Trades && ch.Instrument == instrument)
            {
                subscribed = true;
                SendTrade(ref ch, market, "\"te\""u8, trade);
            }
        }

        if (!subscribed)
        {
            return;
        }

        if (_pendingCount == PendingCapacity)
        {
            FlushTradeUpdates(dueOnly: false);
        }

        var delayMillis = _options.TradeUpdateMinDelayMillis + _ids.Next(_options.TradeUpdateMaxDelayMillis - _options.TradeUpdateMinDelayMillis + 1);
        _pending[(_pendingHead + _pendingCount) % PendingCapacity] = new PendingTradeUpdate(_nowNanos + (delayMillis * 1_000_000L), instrument, trade);
        _pendingCount++;
    }

    private void FlushTradeUpdates(bool dueOnly)
    {
        while (_pendingCount > 0)
        {
            ref readonly var p = ref _pending[_pendingHead];
            if (dueOnly && p.DueNanos > _nowNanos)
            {
                return;
            }

            var market = _market[p.Instrument];
            for (var c = 0; c < _channels.Length; c++)
            {
                ref var ch = ref _channels[c];
                if (ch.Kind == ChannelKind.Trades && ch.Instrument == p.Instrument)
                {
                    SendTrade(ref ch, market, "\"tu\""u8, p.Trade);
                }
            }

            _pendingHead = (_pendingHead + 1) % PendingCapacity;
            _pendingCount--;
        }
    }

    private void OnTicker(int instrument)
    {
        for (var c = 0; c < _channels.Length; c++)
        {
            ref var ch = ref _channels[c];
            if (ch.Kind == ChannelKind.Ticker && ch.Instrument == instrument)
            {
                SendTicker(ref ch, _market[instrument]);
            }
        }
    }

    private void SendHeartbeats()
    {
        for (var c = 0; c < _channels.Length; c++)
        {
            ref var ch = ref _channels[c];
            if (ch.Kind != ChannelKind.None && _nowNanos - ch.LastSentNanos >= _heartbeatNanos)
            {
                BeginChannelFrame(ch.ChanId);
                _writer.Raw("\"hb\""u8);
                EndChannelFrame(ref ch);
            }
        }
    }

    private void SendLevel(ref Subscription ch, InstrumentMarket market, in MarketData.BookLevel level, bool isBid)
    {
        BeginChannelFrame(ch.ChanId);
        WriteLevel(market, level, isBid);
        EndChannelFrame(ref ch);
    }

    private void SendDelete(ref Subscription ch, long price, int priceScale, bool isBid)
    {
        BeginChannelFrame(ch.ChanId);
        _writer.Byte((byte)'[');
        _writer.Number(price, priceScale);
        _writer.Raw(isBid ? ",0,1]"u8 : ",0,-1]"u8);
        EndChannelFrame(ref ch);
    }

    private void SendChecksum(ref Subscription ch, InstrumentMarket market)
    {
        var checksum = market.Checksum(ch.Len);
        if (_corruptNextChecksum)
        {
            _corruptNextChecksum = false;
            checksum ^= CorruptChecksumMask;
        }

        BeginChannelFrame(ch.ChanId);
        _writer.Raw("\"cs\","u8);
        _writer.Integer(checksum);
        EndChannelFrame(ref ch);
    }

    private void SendTrade(ref Subscription ch, InstrumentMarket market, ReadOnlySpan<byte> type, in TradeRecord trade)
    {
        BeginChannelFrame(ch.ChanId);
        _writer.Raw(type);
        _writer.Byte((byte)',');
        WriteTrade(market, trade);
        EndChannelFrame(ref ch);
    }

    private void SendTicker(ref Subscription ch, InstrumentMarket market)
    {
        var spec = market.Spec;
        BeginChannelFrame(ch.ChanId);
        _writer.Byte((byte)'[');
        WriteTouch(market.Bids, spec.PriceScale, spec.SizeScale);
        _writer.Byte((byte)',');
        WriteTouch(market.Asks, spec.PriceScale, spec.SizeScale);
        _writer.Byte((byte)',');
        _writer.Number(market.DailyChangeRaw, spec.PriceScale);
        _writer.Byte((byte)',');
        _writer.Number(market.DailyChangeRelativeRaw, InstrumentMarket.RelativeChangeScale);
        _writer.Byte((byte)',');
        _writer.Number(market.LastRaw, spec.PriceScale);
        _writer.Byte((byte)',');
        _writer.Number(market.VolumeRaw, spec.SizeScale);
        _writer.Byte((byte)',');
        _writer.Number(market.HighRaw, spec.PriceScale);
        _writer.Byte((byte)',');
        _writer.Number(market.LowRaw, spec.PriceScale);
        _writer.Byte((byte)']');
        EndChannelFrame(ref ch);
    }

    private void SendBookSnapshot(ref Subscription ch, InstrumentMarket market)
    {
        BeginChannelFrame(ch.ChanId);
        _writer.Byte((byte)'[');
        var bids = market.Bids.Levels;
        var asks = market.Asks.Levels;
        var nb = Math.Min(bids.Length, ch.Len);
        var na = Math.Min(asks.Length, ch.Len);
        for (var i = 0; i < nb; i++)
        {
            WriteLevel(market, bids[i], isBid: true);
            _writer.Byte((byte)',');
        }

        for (var i = 0; i < na; i++)
        {
            WriteLevel(market, asks[i], isBid: false);
            _writer.Byte((byte)',');
        }

        if (nb + na > 0)
        {
            _writer.Truncate(1);
        }

        _writer.Byte((byte)']');
        EndChannelFrame(ref ch);
    }

    private void SendTradesSnapshot(ref Subscription ch, InstrumentMarket market)
    {
        BeginChannelFrame(ch.ChanId);
        _writer.Byte((byte)'[');
        for (var i = 0; i < market.TradeCount; i++)
        {
            CommaBefore(i);
            WriteTrade(market, market.RecentTrade(i));
        }

        _writer.Byte((byte)']');
        EndChannelFrame(ref ch);
    }

    private void WriteLevel(InstrumentMarket market, in MarketData.BookLevel level, bool isBid)
    {
        _writer.Byte((byte)'[');
        _writer.Number(level.Price, market.Spec.PriceScale);
        _writer.Byte((byte)',');
        _writer.Integer(level.Count);
        _writer.Byte((byte)',');
        _writer.Number(isBid ? level.Size : -level.Size, market.Spec.SizeScale);
        _writer.Byte((byte)']');
    }

    private void WriteTrade(InstrumentMarket market, in TradeRecord trade)
    {
        _writer.Byte((byte)'[');
        _writer.Integer(trade.Id);
        _writer.Byte((byte)',');
        _writer.Integer(trade.Mts);
        _writer.Byte((byte)',');
        _writer.Number(trade.AmountRaw, market.Spec.SizeScale);
        _writer.Byte((byte)',');
        _writer.Number(trade.PriceRaw, market.Spec.PriceScale);
        _writer.Byte((byte)']');
    }

    private void WriteTouch(ExchangeBookSide side, int priceScale, int sizeScale)
    {
        // Bitfinex's BID_SIZE/ASK_SIZE is the sum of the 25 best levels' sizes.
        var levels = side.Levels;
        var n = Math.Min(levels.Length, BitfinexChecksum.Depth);
        long total = 0;
        for (var i = 0; i < n; i++)
        {
            total += levels[i].Size;
        }

        _writer.Number(levels.Length > 0 ? levels[0].Price : 0, priceScale);
        _writer.Byte((byte)',');
        _writer.Number(total, sizeScale);
    }

    private void BeginChannelFrame(int chanId)
    {
        _writer.Reset();
        _writer.Byte((byte)'[');
        _writer.Integer(chanId);
        _writer.Byte((byte)',');
    }

    private void EndChannelFrame(ref Subscription ch)
    {
        _sequence++;
        if ((_flags & BitfinexFlags.SeqAll) != 0)
        {
            _writer.Byte((byte)',');
            _writer.Integer(_sequence);
        }

        // With both flags the venue puts the sequence first: [chanId,payload,seq,mts].
        if ((_flags & BitfinexFlags.Timestamp) != 0)
        {
            _writer.Byte((byte)',');
            _writer.Integer(Mts);
        }

        _writer.Byte((byte)']');
        ch.LastSentNanos = _nowNanos;
        if (_dropNext)
        {
            _dropNext = false;
            return;
        }

        _sink.Send(_writer.Written);
    }
}
