using Velox.Core.Numerics;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// The trades behind a reconciliation, and the orphan search after a reconnect. When an order.status answer shows
/// executed quantity the OMS has not booked, the gateway asks <c>myTrades</c> for that venue order and books every
/// listed trade as its own fill (fill id = trade id, price, quantity and commission as the executionReport would have
/// carried them; the OMS drops the ones it has by their id, and a late executionReport of a booked trade the same way).
/// What the trades do not cover, or everything when myTrades fails or stays unanswered for
/// <see cref="BinanceGatewayOptions.TradeQueryMillis"/>, is booked as one fill at the average price without fee
/// (<see cref="TradeQueryFallbacks"/>). After a reconnect <c>openOrders.status</c> lists the account's open orders: one
/// with our client order id that the OMS does not hold open (booked rejected or expired while the venue took it, or
/// left by an earlier session) is cancelled (<see cref="OrphansCancelled"/>).
/// </summary>
public sealed partial class BinanceOrderGateway
{
    private int _tradesOutstanding;
    private long _nextTradesScanNanos;
    private long _openOrdersRequests;

    /// <summary>What a reconciliation does once an order's fills are booked.</summary>
    private enum StatusStep : byte
    {
        /// <summary>Not waiting for myTrades.</summary>
        None,

        /// <summary>Book the venue's final state (cancelled, expired, ...) and count the answer.</summary>
        Apply,

        /// <summary>Ask order.status for the cancel-replace's new order (next generation).</summary>
        Probe,
    }

    /// <summary>An order's status at the venue (order.status <c>status</c>).</summary>
    private enum VenueStatus : byte
    {
        Other,
        New,
        PartiallyFilled,
        Filled,
        Canceled,
        Rejected,
        Expired,
    }

    /// <summary>myTrades requests sent (for orders a status answer showed executed beyond what the OMS booked).</summary>
    public long TradeQueries { get; private set; }

    /// <summary>Fills booked from myTrades answers (each a real trade with its commission).</summary>
    public long ReconciledTrades { get; private set; }

    /// <summary>myTrades requests that failed, timed out or could not be sent: the quantity was booked at the average price, fee 0.</summary>
    public long TradeQueryFallbacks { get; private set; }

    /// <summary>openOrders.status requests sent (one per reconnect).</summary>
    public long OrphanSearches { get; private set; }

    /// <summary>Open venue orders with our client order id that the OMS did not hold open, cancelled at the venue.</summary>
    public long OrphansCancelled { get; private set; }

    /// <summary>Sends myTrades for the order of <paramref name="slot"/> and parks the status answer until it comes; false when it cannot go out.</summary>
    private bool TrySendTrades(int slot, in StatusAnswer answer, StatusStep next)
    {
        ref readonly var order = ref _engine.Orders[slot];
        if (_transport is not { } transport || !IsBinance(order.Instrument, out var instrument)
            || !BinanceOrderEncoder.TryWriteMyTrades(
                _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, order.ClientOrderId, answer.VenueOrderId, instrument.SymbolUtf8.Span,
                NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            TradeQueryFallbacks++;
            return false;
        }

        ref var track = ref _track[slot];
        track.Awaiting = next;
        track.Answer = answer;
        track.TradesSentNanos = MonoNow();
        _tradesOutstanding++;
        TradeQueries++;
        return true;
    }

    /// <summary>A myTrades answer: books the trades the OMS has not seen, then the rest of the parked status answer.</summary>
    private void OnTrades(in BinanceResponse r)
    {
        if (!_engine.Orders.TryFind(r.RequestNumber, out var slot) || _track[slot].Awaiting == StatusStep.None)
        {
            // Too late (timed out and settled at the average) or not ours.
            Unmatched++;
            return;
        }

        var answer = _track[slot].Answer;
        var next = TakeParked(slot);
        var handler = new TradeBooker(this, slot, answer.VenueOrderId);
        if (!r.IsSuccess)
        {
            SetVenueError(r.ErrorCode, r.ErrorMessage);
            TradeQueryFallbacks++;
        }
        else if (!BinanceAccountParser.TryParseTrades(r.ResultArray, ref handler))
        {
            MalformedMessages++;
            TradeQueryFallbacks++;
        }

        BookAverageFill(slot, in answer);
        Continue(slot, in answer, next);
    }

    /// <summary>One trade of a myTrades answer for the order of <paramref name="slot"/>: booked as a fill with its commission.</summary>
    private void BookTrade(int slot, long venueOrderId, in BinanceTrade t)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        if (t.OrderId != venueOrderId)
        {
            return;
        }

        if (!FixedPoint.TryParse(t.Quantity, instrument.SizeScale, out var quantity) || quantity <= 0
            || !FixedPoint.TryParse(t.Price, instrument.PriceScale, out var price) || price <= 0)
        {
            MalformedMessages++;
            return;
        }

        var fee = FeeOf(order.Instrument.Value, t.Commission, t.CommissionAsset, price, instrument.PriceScale);
        Report(ExecutionReport.Fill(order.ClientOrderId, t.Id, new Price(price), new Quantity(quantity), fee, t.Maker ? Liquidity.Maker : Liquidity.Taker));
        if (LastOutcome == ReportOutcome.Applied)
        {
            ReconciledFills++;
            ReconciledTrades++;
        }
    }

    /// <summary>Clears the parked status answer of <paramref name="slot"/> and returns its next step.</summary>
    private StatusStep TakeParked(int slot)
    {
        var next = _track[slot].Awaiting;
        _track[slot].Awaiting = StatusStep.None;
        _tradesOutstanding = Math.Max(0, _tradesOutstanding - 1);
        return next;
    }

    /// <summary>Every 100 ms while myTrades answers are outstanding: settles those older than the limit at the average price.</summary>
    private int ExpireTradeQueries()
    {
        var now = MonoNow();
        if (now < _nextTradesScanNanos)
        {
            return 0;
        }

        _nextTradesScanNanos = now + 100_000_000;
        var limit = now - (_options.TradeQueryMillis * 1_000_000L);
        var work = 0;
        var waiting = 0;
        for (var slot = 0; slot < _track.Length; slot++)
        {
            if (_track[slot].Awaiting == StatusStep.None)
            {
                continue;
            }

            if (_track[slot].TradesSentNanos > limit)
            {
                waiting++;
                continue;
            }

            var answer = _track[slot].Answer;
            var next = _track[slot].Awaiting;
            _track[slot].Awaiting = StatusStep.None;
            TradeQueryFallbacks++;
            work++;
            BookAverageFill(slot, in answer);
            Continue(slot, in answer, next);
        }

        _tradesOutstanding = waiting;
        return work;
    }

    /// <summary>The connection dropped: parked answers are void (the orders are asked about again after the reconnect).</summary>
    private void DropTradeQueries()
    {
        if (_tradesOutstanding == 0)
        {
            return;
        }

        for (var slot = 0; slot < _track.Length; slot++)
        {
            _track[slot].Awaiting = StatusStep.None;
        }

        _tradesOutstanding = 0;
    }

    /// <summary>Sends openOrders.status (every symbol) to look for orphans.</summary>
    private void SendOrphanSearch()
    {
        if (_transport is { } transport
            && BinanceOrderEncoder.TryWriteOpenOrders(_send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, ++_openOrdersRequests, NowMillis(), _options.RecvWindowMillis, out var written)
            && transport.TrySend(_send.AsSpan(0, written)))
        {
            OrphanSearches++;
        }
    }

    /// <summary>An openOrders.status answer: cancels every open order with our id that the OMS does not hold open.</summary>
    private void OnOpenOrders(in BinanceResponse r)
    {
        if (!r.IsSuccess)
        {
            SetVenueError(r.ErrorCode, r.ErrorMessage);
            return;
        }

        var handler = new OrphanFinder(this);
        if (!BinanceAccountParser.TryParseOpenOrders(r.ResultArray, ref handler))
        {
            MalformedMessages++;
        }
    }

    private void OnOpenOrder(in BinanceOpenOrder o)
    {
        if (!BinanceClientIds.TryParse(o.ClientOrderId, out var coid, out var generation))
        {
            // Placed by another program or the web UI: not ours to cancel.
            return;
        }

        if (_engine.Orders.TryFind(coid, out var slot) && !OrderTransitions.IsTerminal(StateOf(slot)))
        {
            return;
        }

        if (_transport is { } transport
            && BinanceOrderEncoder.TryWriteOrphanCancel(
                _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, coid, generation, o.Symbol, NowMillis(), _options.RecvWindowMillis, out var written)
            && transport.TrySend(_send.AsSpan(0, written)))
        {
            CancelsSent++;
        }
    }

    private void OnOrphanCancelled(in BinanceResponse r)
    {
        if (r.IsSuccess)
        {
            OrphansCancelled++;
        }
        else if (r.ErrorCode != -2011)
        {
            // -2011: gone meanwhile (filled or cancelled), nothing to do.
            SetVenueError(r.ErrorCode, r.ErrorMessage);
        }
    }

    /// <summary>An order.status answer in numbers (parked in the order's track while its myTrades is asked).</summary>
    private struct StatusAnswer
    {
        public VenueStatus Status;

        /// <summary>executedQty at the size scale; -1 when absent.</summary>
        public long Executed;

        /// <summary>cummulativeQuoteQty at the price scale; -1 when absent.</summary>
        public long Quote;

        public long VenueOrderId;
    }

    private readonly struct TradeBooker : IBinanceTradeHandler
    {
        private readonly BinanceOrderGateway _owner;
        private readonly int _slot;
        private readonly long _venueOrderId;

        public TradeBooker(BinanceOrderGateway owner, int slot, long venueOrderId)
        {
            _owner = owner;
            _slot = slot;
            _venueOrderId = venueOrderId;
        }

        public void OnTrade(in BinanceTrade trade) => _owner.BookTrade(_slot, _venueOrderId, in trade);
    }

    private readonly struct OrphanFinder : IBinanceOpenOrderHandler
    {
        private readonly BinanceOrderGateway _owner;

        public OrphanFinder(BinanceOrderGateway owner) => _owner = owner;

        public void OnOpenOrder(in BinanceOpenOrder order) => _owner.OnOpenOrder(in order);
    }
}
