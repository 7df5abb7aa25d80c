using Velox.Core.Instruments;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Sync;
using Velox.Venues.Mexc.Parsing;
using Velox.Venues.Mexc.Requests;
using OutboundQueue = Velox.MarketData.Outbound.OutboundQueue;

namespace Velox.Venues.Mexc.Session;

/// <summary>
/// The public market-data state of ONE MEXC WebSocket connection (spot protobuf or futures JSON),
/// transport-agnostic: feed it every received frame (<see cref="ProcessFrame{THandler}"/>), send what
/// it queues in <see cref="Outbound"/>, fetch the REST snapshots it asks for
/// (<see cref="TryTakeSnapshotRequest"/>) and hand them back (<see cref="ApplySnapshot{THandler}"/>).
/// Books follow the documented version continuity (spot <c>fromVersion == previous toVersion + 1</c>,
/// futures <c>version == previous + 1</c>) and resync on a gap. Bad input is counted and skipped;
/// nothing throws out of ProcessFrame. Single-threaded; data frames allocate nothing.
/// Written from the documentation and .proto files only: NOT verified on real MEXC traffic.
/// </summary>
public sealed partial class MexcMarketDataSession
{
    private readonly InstrumentRegistry _registry;
    private readonly MexcSessionOptions _options;
    private readonly MexcSymbol?[] _symbols;
    private readonly string _venue;
    private int _symbolCount;

    /// <summary>Creates a session; symbols not in <paramref name="registry"/> are added with the default scales.</summary>
    public MexcMarketDataSession(InstrumentRegistry registry, MexcSessionOptions? options = null)
    {
        _registry = registry;
        _options = options ?? new MexcSessionOptions();
        _symbols = new MexcSymbol?[_options.MaxSymbols];
        _venue = MexcVenue.Name(_options.Market);
        Outbound = new OutboundQueue(_options.OutboundCapacity, MexcRequests.MaxLength);
    }

    public MexcSessionStats Stats { get; } = new();

    /// <summary>Messages to send to the server, oldest first.</summary>
    public OutboundQueue Outbound { get; }

    public MexcMarket Market => _options.Market;

    /// <summary>Reason of the last rejected frame.</summary>
    public FeedError LastError { get; private set; }

    /// <summary>Symbols in registration order.</summary>
    public ReadOnlySpan<MexcSymbol?> Symbols => _symbols.AsSpan(0, _symbolCount);

    /// <summary>Finds a symbol by its MEXC name (<c>BTCUSDT</c> spot, <c>BTC_USDT</c> futures).</summary>
    public MexcSymbol? Find(ReadOnlySpan<byte> name)
    {
        foreach (var symbol in Symbols)
        {
            if (symbol!.Instrument.SymbolUtf8.Span.SequenceEqual(name))
            {
                return symbol;
            }
        }

        return null;
    }

    /// <summary>Registers <paramref name="symbol"/> and queues its depth and deals subscriptions.</summary>
    public MexcSymbol Subscribe(string symbol)
    {
        var name = System.Text.Encoding.ASCII.GetBytes(symbol);
        var entry = Find(name);
        if (entry is null)
        {
            if (_symbolCount == _symbols.Length)
            {
                throw new InvalidOperationException($"more than {_symbols.Length} symbols");
            }

            var instrument = _registry.TryGet(_venue, symbol, out var known)
                ? known
                : _registry.Add(_venue, symbol, _options.DefaultPriceScale, _options.DefaultSizeScale);
            var book = new SnapshotDiffBook(instrument, UpdateIdRule.NextId, _options.BookLevels, _options.PendingBytes, _options.PendingFrames, _options.KeepLevelsBeyondSnapshot);
            entry = new MexcSymbol(_symbolCount, instrument, book);
            _symbols[_symbolCount++] = entry;
        }

        QueueSubscribe(entry);
        return entry;
    }

    /// <summary>A new connection is open: every book awaits a fresh snapshot and the subscriptions are queued again.</summary>
    public void OnConnected()
    {
        Outbound.Clear();
        foreach (var symbol in Symbols)
        {
            symbol!.Depth.Reset();
            QueueSubscribe(symbol);
        }
    }

    /// <summary>Queues the keep-alive ping of the market.</summary>
    public bool QueuePing()
    {
        var ping = MexcRequests.Ping(Market);
        if (!ping.TryCopyTo(Outbound.BeginWrite()))
        {
            return false;
        }

        Outbound.Commit(ping.Length);
        Stats.RequestsQueued++;
        return true;
    }

    /// <summary>Feeds one received frame, ignoring the normalized events.</summary>
    public FrameOutcome ProcessFrame(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        var handler = default(NullMarketDataHandler);
        return ProcessFrame(frame, receiveNanos, ref handler);
    }

    /// <summary>Feeds one received frame (spot: binary protobuf or a JSON reply; futures: JSON); events go to <paramref name="handler"/>.</summary>
    public FrameOutcome ProcessFrame<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        Stats.Frames++;
        try
        {
            return Market == MexcMarket.Spot ? DispatchSpot(frame, receiveNanos, ref handler) : DispatchFutures(frame, receiveNanos, ref handler);
        }
        catch (Exception)
        {
            // A bug, not bad input (bad input is handled by Try* paths): count it and keep the session alive.
            return Fail(FeedError.Internal);
        }
    }

    private FrameOutcome DispatchSpot<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // Replies ({"id":0,"code":0,"msg":..}) are JSON text; a protobuf wrapper starts with field 1's key 0x0A.
        if (!frame.IsEmpty && frame[0] == (byte)'{')
        {
            return OnSpotReply(frame);
        }

        if (!SpotPushParser.TryParse(frame, out var push, out var error))
        {
            return Fail(error);
        }

        switch (push.Channel)
        {
            case SpotChannel.AggreDepth:
            case SpotChannel.IncreaseDepth:
                return OnSpotDepth(in push, frame, receiveNanos, ref handler);
            case SpotChannel.AggreDeals:
            case SpotChannel.Deals:
                return OnSpotDeals(in push, receiveNanos, ref handler);
            default:
                Stats.OtherMessages++;
                return FrameOutcome.Ignored;
        }
    }

    private FrameOutcome DispatchFutures<THandler>(ReadOnlySpan<byte> frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!FuturesPushParser.TryParse(frame, out var push, out var error))
        {
            return Fail(error);
        }

        switch (push.Kind)
        {
            case FuturesKind.Depth:
                return OnFuturesDepth(in push, frame, receiveNanos, ref handler);
            case FuturesKind.Deal:
                return OnFuturesDeal(in push, receiveNanos, ref handler);
            case FuturesKind.Pong:
            case FuturesKind.Reply:
                Stats.Replies++;
                return FrameOutcome.Reply;
            case FuturesKind.Error:
                return Fail(FeedError.VenueError);
            default:
                Stats.OtherMessages++;
                return FrameOutcome.Ignored;
        }
    }

    private FrameOutcome OnSpotReply(ReadOnlySpan<byte> frame)
    {
        // {"id":0,"code":0,"msg":"spot@..."}: a non-zero code is a refusal.
        var code = frame.IndexOf("\"code\":"u8);
        if (code < 0)
        {
            return Fail(FeedError.UnexpectedType);
        }

        var value = frame[(code + 7)..].TrimStart((byte)' ');
        if (value.IsEmpty || value[0] != (byte)'0')
        {
            return Fail(FeedError.VenueError);
        }

        Stats.Replies++;
        return FrameOutcome.Reply;
    }

    private void QueueSubscribe(MexcSymbol symbol)
    {
        var name = symbol.Instrument.SymbolUtf8.Span;
        for (var i = 0; i < 2; i++)
        {
            var depth = i == 0;
            var slot = Outbound.BeginWrite();
            var ok = Market == MexcMarket.Spot
                ? MexcRequests.TryWriteSpotSubscribe(slot, name, depth, _options.FastInterval, out var written)
                : MexcRequests.TryWriteFuturesSubscribe(slot, name, depth, out written);
            if (!ok)
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
