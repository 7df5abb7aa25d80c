using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Outbound;
using Velox.MarketData.Feeds;
using Velox.Venues.Binance.Parsing;
using Velox.Venues.Binance.Requests;

namespace Velox.Venues.Binance.Session;

/// <summary>
/// The public market-data state of ONE Binance WebSocket connection (spot or USD-M futures),
/// transport-agnostic: feed it every received text frame (<see cref="ProcessFrame{THandler}"/>), send
/// what it queues in <see cref="Outbound"/>, fetch the REST snapshots it asks for
/// (<see cref="TryTakeSnapshotRequest"/>) and hand them back (<see cref="ApplySnapshot{THandler}"/>).
/// It owns one depth book per symbol with the documented buffer-snapshot-bridge sync and resyncs a
/// book on a gap or a malformed diff. Bad input is counted per reason and skipped; nothing throws out
/// of ProcessFrame. Single-threaded; data frames allocate nothing.
/// </summary>
public sealed partial class BinanceMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly BinanceSessionOptions _options;
    private readonly BinanceSymbol?[] _symbols;
    private readonly string _venue;
    private int _symbolCount;
    private long _requestId;

    /// <summary>Creates a session; symbols not in <paramref name="registry"/> are added with the default scales.</summary>
    public BinanceMarketDataSession(InstrumentRegistry registry, BinanceSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new BinanceSessionOptions();
        _symbols = new BinanceSymbol?[_options.MaxSymbols];
        _venue = BinanceVenue.Name(_options.Market);
        Outbound = new OutboundQueue(_options.OutboundCapacity, BinanceRequests.MaxLength);
    }

    public BinanceSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    public BinanceMarket Market => _options.Market;

    /// <summary>Reason of the last rejected frame.</summary>
    public FeedError LastError { get; private set; }

    /// <summary>Symbols in registration order.</summary>
    public ReadOnlySpan<BinanceSymbol?> Symbols => _symbols.AsSpan(0, _symbolCount);

    /// <summary>Finds a symbol by its Binance name (<c>BTCUSDT</c>).</summary>
    public BinanceSymbol? Find(string symbol)
    {
        foreach (var s in Symbols)
        {
            if (s!.Instrument.Symbol == symbol)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Registers <paramref name="streams"/> of <paramref name="symbol"/> and queues one SUBSCRIBE per stream.</summary>
    public BinanceSymbol Subscribe(string symbol, BinanceStreams streams)
    {
        var entry = Find(symbol) ?? Register(Resolve(symbol))
            ?? throw new InvalidOperationException($"more than {_symbols.Length} symbols");
        entry.Streams |= streams;
        if ((streams & BinanceStreams.Depth) != 0)
        {
            EnsureDepth(entry);
        }

        QueueSubscribe(entry, streams);
        return entry;
    }

    /// <summary>
    /// A new connection is open: every book awaits a fresh snapshot (buffered diffs dropped) and the
    /// subscriptions are queued again (a transport using the combined-stream URL may clear them).
    /// </summary>
    public void OnConnected()
    {
        Outbound.Clear();
        foreach (var symbol in Symbols)
        {
            symbol!.Depth?.Reset();
            QueueSubscribe(symbol, symbol.Streams);
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
        if (!BinanceMessageParser.TryParse(frame, out var message, out var error))
        {
            return FailFrame(in message, error, ref handler);
        }

        switch (message.Kind)
        {
            case BinanceMessageKind.DepthUpdate:
                return OnDepthUpdate(in message, frame, receiveNanos, ref handler);
            case BinanceMessageKind.Trade:
            case BinanceMessageKind.AggTrade:
                return OnTrade(in message, receiveNanos, ref handler);
            case BinanceMessageKind.BookTicker:
                return OnBookTicker(in message, receiveNanos, ref handler);
            case BinanceMessageKind.Kline:
                Stats.Klines++;
                return FrameOutcome.Ignored;
            case BinanceMessageKind.Reply:
                Stats.Replies++;
                return FrameOutcome.Reply;
            case BinanceMessageKind.Error:
                return Fail(FeedError.VenueError);
            case BinanceMessageKind.DepthSnapshot:
                // REST bodies reach the session through ApplySnapshot, never on the stream.
                return Fail(FeedError.UnexpectedSnapshot);
            default:
                if ((message.Fields & BinanceFields.EventType) == 0)
                {
                    return Fail(FeedError.UnexpectedType);
                }

                Stats.OtherMessages++;
                return FrameOutcome.Ignored;
        }
    }

    private FrameOutcome OnTrade<THandler>(in BinanceMessage message, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!message.Has(BinanceFields.TradeRequired))
        {
            return Fail(FeedError.UnexpectedType);
        }

        var symbol = Lookup(message.Symbol, message.Kind == BinanceMessageKind.Trade ? BinanceStreams.Trade : BinanceStreams.AggTrade);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var instrument = symbol.Instrument;
        if (!FeedNumbers.TryParseFixed(message.Price, instrument.PriceScale, out var price, out var error)
            || !FeedNumbers.TryParseFixed(message.Quantity, instrument.SizeScale, out var quantity, out error))
        {
            return Fail(error);
        }

        if (price <= 0 || quantity < 0)
        {
            return Fail(FeedError.InvalidValue);
        }

        if (message.Kind == BinanceMessageKind.Trade)
        {
            Stats.Trades++;
        }
        else
        {
            Stats.AggTrades++;
        }

        symbol.Trades++;

        // m: the buyer was the maker, so the seller hit the bid.
        var amount = message.BuyerIsMaker ? -quantity : quantity;
        var time = (message.Fields & BinanceFields.TradeTime) != 0 ? message.TradeTime : message.EventTime;
        var trade = new TradeEvent(instrument.Id, message.TradeId, time, price, amount, fromSnapshot: false, receiveNanos);
        handler.OnTrade(in trade);
        return FrameOutcome.Trade;
    }

    private FrameOutcome OnBookTicker<THandler>(in BinanceMessage message, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!message.Has(BinanceFields.BookTickerRequired))
        {
            return Fail(FeedError.UnexpectedType);
        }

        var symbol = Lookup(message.Symbol, BinanceStreams.BookTicker);
        if (symbol is null)
        {
            return Fail(FeedError.UnknownSymbol);
        }

        var px = symbol.Instrument.PriceScale;
        var sz = symbol.Instrument.SizeScale;
        if (!FeedNumbers.TryParseFixed(message.BidPrice, px, out var bid, out var error)
            || !FeedNumbers.TryParseFixed(message.BidSize, sz, out var bidSize, out error)
            || !FeedNumbers.TryParseFixed(message.AskPrice, px, out var ask, out error)
            || !FeedNumbers.TryParseFixed(message.AskSize, sz, out var askSize, out error))
        {
            return Fail(error);
        }

        if (bid < 0 || ask < 0 || bidSize < 0 || askSize < 0)
        {
            return Fail(FeedError.InvalidValue);
        }

        Stats.BookTickers++;
        symbol.Tickers++;
        var ticker = new TickerEvent(symbol.Instrument.Id, bid, bidSize, ask, askSize, 0, 0, 0, 0, 0, 0, receiveNanos);
        handler.OnTicker(in ticker);
        return FrameOutcome.Ticker;
    }

    /// <summary>The symbol of a data frame; registers it on first sight when unknown symbols are added.</summary>
    private BinanceSymbol? Lookup(ReadOnlySpan<byte> name, BinanceStreams stream)
    {
        foreach (var symbol in Symbols)
        {
            if (symbol!.Instrument.SymbolUtf8.Span.SequenceEqual(name))
            {
                return (symbol.Streams & stream) != 0 || AddStream(symbol, stream) ? symbol : null;
            }
        }

        return _options.AddUnknownSymbols ? AddUnknown(name, stream) : null;
    }

    private bool AddStream(BinanceSymbol symbol, BinanceStreams stream)
    {
        if (!_options.AddUnknownSymbols)
        {
            return false;
        }

        symbol.Streams |= stream;
        if (stream == BinanceStreams.Depth)
        {
            EnsureDepth(symbol);
        }

        return true;
    }

    private BinanceSymbol? AddUnknown(ReadOnlySpan<byte> name, BinanceStreams stream)
    {
        if (name.IsEmpty || _symbolCount == _symbols.Length)
        {
            return null;
        }

        var symbol = Register(Resolve(System.Text.Encoding.ASCII.GetString(name)))!;
        AddStream(symbol, stream);
        return symbol;
    }

    private Instrument Resolve(string symbol) =>
        _registry.TryGet(_venue, symbol, out var instrument)
            ? instrument
            : _registry.Add(_venue, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);

    private BinanceSymbol? Register(Instrument instrument)
    {
        if (_symbolCount == _symbols.Length)
        {
            return null;
        }

        var symbol = new BinanceSymbol(_symbolCount, instrument);
        _symbols[_symbolCount++] = symbol;
        return symbol;
    }

    private void EnsureDepth(BinanceSymbol symbol) =>
        symbol.Depth ??= new SnapshotDiffBook(symbol.Instrument, BinanceVenue.SyncRule(_options.Market), _options.BookLevels, _options.PendingBytes, _options.PendingFrames, _options.KeepLevelsBeyondSnapshot);

    private void QueueSubscribe(BinanceSymbol symbol, BinanceStreams streams)
    {
        for (var flag = BinanceStreams.Depth; flag <= BinanceStreams.BookTicker; flag = (BinanceStreams)((int)flag << 1))
        {
            if ((streams & flag) == 0)
            {
                continue;
            }

            var slot = Outbound.BeginWrite();
            if (!BinanceRequests.TryWriteSubscribe(slot, symbol.Instrument.SymbolUtf8.Span, flag, ++_requestId, out var written))
            {
                CountError(FeedError.OutboundQueueFull);
                continue;
            }

            Outbound.Commit(written);
            Stats.RequestsQueued++;
        }
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
