using System.Text;
using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Outbound;
using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;
using Velox.Venues.GateIo.Parsing;
using Velox.Venues.GateIo.Requests;

namespace Velox.Venues.GateIo.Session;

/// <summary>
/// The public market-data state of ONE Gate.io v4 spot WebSocket connection, transport-agnostic:
/// feed it every received frame (<see cref="ProcessFrame{THandler}"/>), send what it queues in
/// <see cref="Outbound"/>, fetch the REST snapshots it asks for (<see cref="TryTakeSnapshotRequest"/>)
/// and hand them back (<see cref="ApplySnapshot{THandler}"/>). Books follow the documented id bridge
/// (<c>U &lt;= id+1 &lt;= u</c>, then <c>U == previous u + 1</c>) and resync on any break or
/// malformed diff. Bad input is counted per reason; nothing throws out of ProcessFrame.
/// Single-threaded; data frames allocate nothing.
/// </summary>
public sealed partial class GateIoMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly GateIoSessionOptions _options;
    private readonly GateIoPair?[] _pairs;
    private int _pairCount;

    /// <summary>Creates a session; pairs not in <paramref name="registry"/> are added with the default scales.</summary>
    public GateIoMarketDataSession(InstrumentRegistry registry, GateIoSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new GateIoSessionOptions();
        _pairs = new GateIoPair?[_options.MaxPairs];
        Outbound = new OutboundQueue(_options.OutboundCapacity, GateIoRequests.MaxLength);
    }

    public GateIoSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    /// <summary>Reason of the last rejected frame.</summary>
    public FeedError LastError { get; private set; }

    /// <summary>Pairs in registration order.</summary>
    public ReadOnlySpan<GateIoPair?> Pairs => _pairs.AsSpan(0, _pairCount);

    /// <summary>Finds a pair by its Gate.io name (<c>BTC_USDT</c>).</summary>
    public GateIoPair? Find(string pair)
    {
        foreach (var p in Pairs)
        {
            if (p!.Instrument.Symbol == pair)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>Registers the order book, trades and tickers of <paramref name="pair"/> and queues the three subscribes.</summary>
    public GateIoPair Subscribe(string pair)
    {
        var entry = Find(pair) ?? Register(pair) ?? throw new InvalidOperationException($"more than {_pairs.Length} pairs");
        EnsureBook(entry);
        QueueSubscribes(entry);
        return entry;
    }

    /// <summary>A new connection is open: every book awaits a fresh snapshot and the subscriptions are queued again.</summary>
    public void OnConnected()
    {
        Outbound.Clear();
        foreach (var pair in Pairs)
        {
            pair!.Book?.Reset();
            QueueSubscribes(pair);
        }
    }

    /// <summary>Feeds one received frame, ignoring the normalized events.</summary>
    public FrameOutcome ProcessFrame(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ProcessFrame(frame, receiveNanos, ref handler);
    }

    /// <summary>Feeds one received frame; normalized events go to <paramref name="handler"/>.</summary>
    public FrameOutcome ProcessFrame<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.Frames++;
        try
        {
            return Dispatch(frame, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FeedError.Internal);
        }
    }

    private FrameOutcome Dispatch<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!GateIoMessageParser.TryParse(frame, out var message, out var error))
        {
            return FailFrame(in message, error, ref handler);
        }

        if (message.IsError)
        {
            return Fail(FeedError.VenueError);
        }

        if (message.Event is GateIoEventKind.Subscribe or GateIoEventKind.Unsubscribe || message.Channel == GateIoChannel.Ping)
        {
            Stats.Replies++;
            return FrameOutcome.Reply;
        }

        if (message.Event != GateIoEventKind.Update || !message.HasResult)
        {
            return message.Event == GateIoEventKind.None ? Fail(FeedError.UnexpectedType) : Ignore();
        }

        switch (message.Channel)
        {
            case GateIoChannel.OrderBookUpdate:
                return OnBookUpdate(in message, frame, receiveNanos, ref handler);
            case GateIoChannel.Trades:
                return OnTrade(in message, receiveNanos, ref handler);
            case GateIoChannel.Tickers:
                return OnTicker(in message, receiveNanos, ref handler);
            case GateIoChannel.Candlesticks:
                Stats.Candlesticks++;
                return FrameOutcome.Ignored;
            default:
                return Ignore();
        }
    }

    private FrameOutcome Ignore()
    {
        Stats.OtherMessages++;
        return FrameOutcome.Ignored;
    }

    private FrameOutcome OnTrade<THandler>(in GateIoMessage message, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!message.HasId || message.Price.IsEmpty || message.Amount.IsEmpty || message.Side.IsEmpty)
        {
            return Fail(FeedError.UnexpectedType);
        }

        var pair = Lookup(message.Pair);
        if (pair is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var instrument = pair.Instrument;
        if (!FeedNumbers.TryParseFixed(message.Price, instrument.PriceScale, out var price, out var error)
            || !FeedNumbers.TryParseFixed(message.Amount, instrument.SizeScale, out var amount, out error))
        {
            return Fail(error);
        }

        // create_time_ms is a decimal string ("1619093543708.2642"): keep the whole milliseconds.
        var dot = message.CreateTimeMs.IndexOf((byte)'.');
        var millis = dot >= 0 ? message.CreateTimeMs[..dot] : message.CreateTimeMs;
        var sell = message.Side.SequenceEqual("sell"u8);
        if (price <= 0 || amount < 0 || (!sell && !message.Side.SequenceEqual("buy"u8))
            || !FeedNumbers.TryParseFixed(millis, 0, out var timeMs, out _))
        {
            return Fail(FeedError.InvalidValue);
        }

        Stats.Trades++;
        pair.Trades++;
        var trade = new TradeEvent(instrument.Id, message.Id, timeMs, price, sell ? -amount : amount, fromSnapshot: false, receiveNanos);
        handler.OnTrade(in trade);
        return FrameOutcome.Trade;
    }

    private FrameOutcome OnTicker<THandler>(in GateIoMessage message, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var pair = Lookup(message.Pair);
        if (pair is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var px = pair.Instrument.PriceScale;
        var sz = pair.Instrument.SizeScale;

        // change_percentage is in percent: read it two decimals short to get a ratio at RelativeScale.
        if (!TryOptional(message.HighestBid, px, out var bid, out var error)
            || !TryOptional(message.LowestAsk, px, out var ask, out error)
            || !TryOptional(message.Last, px, out var last, out error)
            || !TryOptional(message.BaseVolume, sz, out var volume, out error)
            || !TryOptional(message.High24h, px, out var high, out error)
            || !TryOptional(message.Low24h, px, out var low, out error)
            || !TryOptional(message.ChangePercentage, TickerEvent.RelativeScale - 2, out var relative, out error))
        {
            return Fail(error);
        }

        Stats.Tickers++;
        pair.Tickers++;
        var ticker = new TickerEvent(pair.Instrument.Id, bid, 0, ask, 0, 0, relative, last, volume, high, low, receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    private static bool TryOptional(ReadOnlySpan<byte> token, int scale, out long raw, out FeedError error)
    {
        if (token.IsEmpty)
        {
            raw = 0;
            error = FeedError.None;
            return true;
        }

        return FeedNumbers.TryParseFixed(token, scale, out raw, out error);
    }

    /// <summary>The pair of a data frame; registers it on first sight when unknown pairs are added.</summary>
    private GateIoPair? Lookup(ReadOnlySpan<byte> name)
    {
        foreach (var pair in Pairs)
        {
            if (pair!.Instrument.SymbolUtf8.Span.SequenceEqual(name))
            {
                return pair;
            }
        }

        return _options.AddUnknownPairs && !name.IsEmpty ? Register(Encoding.ASCII.GetString(name)) : null;
    }

    private GateIoPair? Register(string name)
    {
        if (_pairCount == _pairs.Length)
        {
            return null;
        }

        var instrument = _registry.TryGet(GateIoVenue.Name, name, out var known)
            ? known
            : _registry.Add(GateIoVenue.Name, name, _options.DefaultPriceScale, _options.DefaultSizeScale);
        var pair = new GateIoPair(_pairCount, instrument);
        _pairs[_pairCount++] = pair;
        return pair;
    }

    private SnapshotDiffBook EnsureBook(GateIoPair pair) =>
        pair.Book ??= new SnapshotDiffBook(pair.Instrument, UpdateIdRule.NextId, _options.BookLevels, _options.PendingBytes, _options.PendingFrames, _options.KeepLevelsBeyondSnapshot);

    private void QueueSubscribes(GateIoPair pair)
    {
        var now = _options.Time.GetUtcNow().ToUnixTimeSeconds();
        var name = pair.Instrument.SymbolUtf8.Span;
        Commit(GateIoRequests.TryWriteSubscribeBook(Outbound.BeginWrite(), name, now, out var written), written);
        Commit(GateIoRequests.TryWriteSubscribeTrades(Outbound.BeginWrite(), name, now, out written), written);
        Commit(GateIoRequests.TryWriteSubscribeTickers(Outbound.BeginWrite(), name, now, out written), written);
    }

    private void Commit(bool ok, int written)
    {
        if (!ok)
        {
            CountError(FeedError.OutboundQueueFull);
            return;
        }

        Outbound.Commit(written);
        Stats.RequestsQueued++;
    }

    private FrameOutcome Fail(FeedError error)
    {
        CountError(error);
        return FrameOutcome.Error;
    }

    private void CountError(FeedError error)
    {
        LastError = error;
        Stats.CountError(error);
    }
}
