using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;

namespace Velox.Strategies.MarketMaking;

/// <summary>
/// A reference market maker: post-only quotes on <see cref="MarketMakerParameters.Levels"/> levels per side around
/// a fair value (mid + top-N imbalance skew − inventory skew), rounded to tick and lot, never crossing the book.
/// Working quotes are left alone until the fair value moves beyond the requote threshold (then a quote whose
/// price or size changed is cancelled and replaced, or with <see cref="RequoteMethod.Amend"/> amended in place where it
/// can be: every step passes risk and the OMS), or until one is filled, cancelled or rejected; a replacement that would cross our own order still open on the other side (being
/// cancelled) waits for that order to go instead of being refused by risk. The side that would take the position beyond <see cref="MarketMakerParameters.MaxInventory"/>
/// gets smaller quotes and then none; under REDUCE_ONLY only the reducing side is quoted. On a stop (kill
/// switch, HALT) the router has already cancelled everything and the maker places nothing until it is lifted.
/// Allocation-free per tick.
/// </summary>
public sealed class MarketMaker<TSink> : IStrategy
    where TSink : struct, IOrderSink
{
    private readonly MarketMakerParameters _p;
    private readonly OrderRouter<TSink> _router;
    private readonly IClock _clock;
    private readonly InstrumentId _instrument;
    private readonly QuoteSlot[] _bids;
    private readonly QuoteSlot[] _asks;
    private long _quotedFair2;
    private long _backoffUntil;
    private bool _placingBlocked;
    private bool _amending;
    private bool _deferred;

    /// <summary>Creates a maker (validates the parameters; throws naming the bad field).</summary>
    public MarketMaker(MarketMakerParameters parameters, OrderRouter<TSink> router, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(clock);
        parameters.Validate();
        _p = parameters;
        _router = router;
        _clock = clock;
        _instrument = parameters.Instrument;
        _bids = new QuoteSlot[parameters.Levels];
        _asks = new QuoteSlot[parameters.Levels];
    }

    public MarketMakerParameters Parameters => _p;

    /// <summary>Fair value × 2 the working quotes were set at (0: not quoting).</summary>
    public long QuotedFairValue2 => _quotedFair2;

    /// <summary>Quote decisions taken (ticks, reports and timer calls that reached the pricing).</summary>
    public long Decisions { get; private set; }

    /// <summary>Quotes sent.</summary>
    public long QuotesPlaced { get; private set; }

    /// <summary>Quotes amended in place (sent; <see cref="RequoteMethod.Amend"/>).</summary>
    public long QuotesAmended { get; private set; }

    /// <summary>Amends the venue refused (that quote is then moved by cancel + new).</summary>
    public long AmendsRefused { get; private set; }

    /// <summary>Quotes cancelled by the maker (requotes, inventory limit, book out of sync).</summary>
    public long QuotesCancelled { get; private set; }

    /// <summary>Times the fair value moved beyond the threshold and the quotes were re-evaluated.</summary>
    public long Requotes { get; private set; }

    /// <summary>Fills on the maker's quotes.</summary>
    public long Fills { get; private set; }

    /// <summary>Quotes refused by pre-trade risk.</summary>
    public long RiskRejects { get; private set; }

    /// <summary>Quotes refused by the OMS or the sink.</summary>
    public long Refusals { get; private set; }

    /// <summary>The reason of the last risk refusal.</summary>
    public RiskRejectReason LastRejectReason { get; private set; }

    /// <summary>Quotes held back because they would cross one of our own orders still open on the other side (usually one being cancelled).</summary>
    public long Deferred { get; private set; }

    /// <summary>Decisions skipped because trading was stopped.</summary>
    public long StoppedDecisions { get; private set; }

    /// <summary>The working quote at <paramref name="level"/> on <paramref name="side"/>.</summary>
    public QuoteSlot Quote(Side side, int level) => side == Side.Bid ? _bids[level] : _asks[level];

    public void OnBook(in BookUpdate update)
    {
        if (update.Instrument == _instrument)
        {
            Decide();
        }
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        if (instrument == _instrument && state != BookSyncState.InSync)
        {
            CancelQuotes();
        }
    }

    public void OnTrade(in TradeEvent trade)
    {
    }

    public void OnExecutionReport(in ExecutionReport report, ReportOutcome outcome)
    {
        if (outcome != ReportOutcome.Applied)
        {
            return;
        }

        var changed = Refresh(_bids, report) | Refresh(_asks, report);

        // A held-back quote waits for the confirmation that the order it would have crossed is gone (or moved).
        if (changed || (_deferred && report.Type is ExecType.CancelAck or ExecType.Fill or ExecType.Expire or ExecType.Reject or ExecType.ReplaceAck))
        {
            if (report.Type == ExecType.Fill)
            {
                Fills++;
            }

            Decide();
        }
    }

    public void OnTimer(long nowNanos) => Decide();

    /// <summary>Prices the quotes from the current book and position and sends what changed.</summary>
    public void Decide()
    {
        if (_router.IsStopped)
        {
            // The router's stop already moved every order to PendingCancel and sent the cancel-all.
            StoppedDecisions++;
            Forget(_bids);
            Forget(_asks);
            _quotedFair2 = 0;
            return;
        }

        var market = _router.Market;
        var book = market.Book(_instrument);
        if (market.State(_instrument) != BookSyncState.InSync || book is null || !book.TryGetTop(out var bestBid, out var bestAsk))
        {
            CancelQuotes();
            return;
        }

        Decisions++;
        var engine = _router.Engine;
        var position = engine.Positions[_instrument].Quantity.Raw;
        var maxInventory = _p.MaxInventory.Raw;
        var imbalance = _p.ImbalanceSkew.Raw == 0 ? 0 : QuoteMath.Imbalance(book, _p.ImbalanceDepth);
        var fair2 = QuoteMath.FairValue2(bestBid.Price, bestAsk.Price, imbalance, _p.ImbalanceSkew, position, maxInventory, _p.InventorySkew);
        var moved = _quotedFair2 == 0 || QuoteMath.MovedBeyond(_quotedFair2, fair2, _p.RequoteThreshold);
        if (moved)
        {
            if (_quotedFair2 != 0)
            {
                Requotes++;
            }

            _quotedFair2 = fair2;
        }

        long bidRoom = maxInventory - position;
        long askRoom = maxInventory + position;
        if (engine.Breakers.Mode == TradingMode.ReduceOnly)
        {
            bidRoom = Math.Min(bidRoom, Math.Max(0, -position));
            askRoom = Math.Min(askRoom, Math.Max(0, position));
        }

        Span<long> targets = stackalloc long[4 * _bids.Length];
        var size = _p.QuoteSize.Raw;
        for (var level = 0; level < _bids.Length; level++)
        {
            var bidPrice = QuoteMath.BidPrice(fair2, level, _p.Spread, _p.LevelSpacing, _p.TickSize.Raw, bestAsk.Price);
            targets[4 * level] = bidPrice;
            targets[(4 * level) + 1] = bidPrice > 0 ? QuoteMath.LevelQuantity(bidRoom, level, size, _p.LotSize.Raw) : 0;
            targets[(4 * level) + 2] = QuoteMath.AskPrice(fair2, level, _p.Spread, _p.LevelSpacing, _p.TickSize.Raw, bestBid.Price);
            targets[(4 * level) + 3] = QuoteMath.LevelQuantity(askRoom, level, size, _p.LotSize.Raw);
        }

        // Two passes: every cancel goes out before any new quote or amend, so the venue frees the replaced quote (its
        // open-order count, its self-trade check) before the replacement arrives.
        _amending = _p.Requote == RequoteMethod.Amend && _clock.NowNanos() >= _backoffUntil;
        for (var pass = 0; pass < 2; pass++)
        {
            var cancelPass = pass == 0;
            _placingBlocked = cancelPass || _clock.NowNanos() < _backoffUntil;
            _deferred = false;
            for (var level = 0; level < _bids.Length; level++)
            {
                Update(ref _bids[level], Side.Bid, targets[4 * level], targets[(4 * level) + 1], moved, cancelPass);
                Update(ref _asks[level], Side.Ask, targets[(4 * level) + 2], targets[(4 * level) + 3], moved, cancelPass);
            }
        }
    }

    private void Update(ref QuoteSlot slot, Side side, long price, long quantity, bool moved, bool cancelPass)
    {
        if (!slot.IsEmpty)
        {
            // Below the threshold a quote stays unless the inventory limit no longer allows its size (or it missed a move).
            var keep = !slot.Stale && (moved
                ? slot.Price == price && slot.Quantity == quantity
                : quantity > 0 && slot.Quantity <= quantity);
            if (keep)
            {
                return;
            }

            if (AmendInFlight(slot))
            {
                // Its amend is still unanswered: the answer brings the next decision, which moves (or cancels) it then.
                slot.Stale = slot.Price != price || slot.Quantity != quantity;
                return;
            }

            if (quantity > 0 && _amending && CanAmend(slot, quantity))
            {
                // Amended in the second pass, after this decision's cancels; a refusal or a block cancels it instead.
                if (cancelPass || (!_placingBlocked && TryAmend(ref slot, side, price, quantity)))
                {
                    return;
                }
            }

            _router.Cancel(slot.ClientOrderId);
            QuotesCancelled++;
            slot = default;
        }

        if (quantity == 0 || _placingBlocked)
        {
            return;
        }

        if (CrossesOwnOrder(side, price))
        {
            // Risk would refuse it as a self-trade (the other order may still fill); place it once that order is gone.
            Deferred++;
            _deferred = true;
            return;
        }

        var request = new OrderRequest(_instrument, side, OrderType.PostOnly, TimeInForce.GoodTillCancel, new Price(price), new Quantity(quantity));
        var status = _router.Submit(request, out var clientOrderId, out var reason);
        if (status == RouteStatus.Sent)
        {
            slot.ClientOrderId = clientOrderId;
            slot.Price = price;
            slot.Quantity = quantity;
            QuotesPlaced++;
            return;
        }

        if (status == RouteStatus.RiskRejected)
        {
            RiskRejects++;
            LastRejectReason = reason;
        }
        else
        {
            Refusals++;
        }

        _backoffUntil = _clock.NowNanos() + _p.RejectBackoffNanos;
        _placingBlocked = true;
    }

    /// <summary>An acknowledged, working quote the venue has not refused an amend of, whose new size stays above what it filled.</summary>
    private bool CanAmend(in QuoteSlot slot, long quantity)
    {
        var orders = _router.Engine.Orders;
        if (slot.AmendRefused || !orders.TryFind(slot.ClientOrderId, out var index))
        {
            return false;
        }

        ref readonly var order = ref orders[index];
        return order.State is OrderState.New or OrderState.PartiallyFilled or OrderState.Replaced && quantity > order.Filled.Raw;
    }

    /// <summary>Amends the quote in place; false when it must be cancelled instead (it would cross our own order, or the amend was refused).</summary>
    private bool TryAmend(ref QuoteSlot slot, Side side, long price, long quantity)
    {
        if (CrossesOwnOrder(side, price))
        {
            // Cancelled by the caller; the replacement is placed once the crossed order is gone.
            return false;
        }

        var status = _router.Amend(slot.ClientOrderId, new Price(price), new Quantity(quantity), out var reason);
        if (status == RouteStatus.Sent)
        {
            slot.Price = price;
            slot.Quantity = quantity;
            slot.Stale = false;
            QuotesAmended++;
            return true;
        }

        if (status == RouteStatus.Refused)
        {
            // The OMS state moved under us (a report in between): cancel + new this time.
            return false;
        }

        if (status == RouteStatus.RiskRejected)
        {
            RiskRejects++;
            LastRejectReason = reason;
        }
        else
        {
            Refusals++;
            slot.AmendRefused = true;
        }

        _backoffUntil = _clock.NowNanos() + _p.RejectBackoffNanos;
        _placingBlocked = true;
        return false;
    }

    private bool CrossesOwnOrder(Side side, long price)
    {
        var orders = _router.Engine.Orders;
        for (var slot = orders.FirstOpen(_instrument); slot >= 0; slot = orders.NextOpen(slot))
        {
            ref readonly var order = ref orders[slot];
            if (order.Side != side && order.Type != OrderType.Market &&
                (Crosses(side, price, order.Price.Raw) || (order.State == OrderState.PendingReplace && Crosses(side, price, order.PendingPrice.Raw))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Crosses(Side side, long price, long other) => side == Side.Bid ? price >= other : price <= other;

    /// <summary>
    /// Updates the slot holding the report's order: cleared when the order is no longer working, else set to the price
    /// and size the OMS now has (an amend's ack, or the old ones after its reject, which also stops amending that quote).
    /// True when the order is one of ours.
    /// </summary>
    private bool Refresh(QuoteSlot[] slots, in ExecutionReport report)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].ClientOrderId != report.ClientOrderId)
            {
                continue;
            }

            var orders = _router.Engine.Orders;
            if (!orders.TryFind(report.ClientOrderId, out var index) || OrderTransitions.IsTerminal(orders[index].State))
            {
                slots[i] = default;
                return true;
            }

            ref readonly var order = ref orders[index];
            if (report.Type == ExecType.ReplaceReject)
            {
                // The quote still works at its old price, which the fair value already moved away from: requote it
                // by cancel + new on this decision, whatever the threshold says.
                AmendsRefused++;
                slots[i].AmendRefused = true;
                slots[i].Stale = true;
            }

            if (order.State != OrderState.PendingReplace)
            {
                slots[i].Price = order.Price.Raw;
                slots[i].Quantity = order.Quantity.Raw;
            }

            return true;
        }

        return false;
    }

    private void CancelQuotes()
    {
        Cancel(_bids);
        Cancel(_asks);
        _quotedFair2 = 0;
    }

    private void Cancel(QuoteSlot[] slots)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i].IsEmpty)
            {
                continue;
            }

            if (AmendInFlight(slots[i]))
            {
                // Not cancellable until the venue answers the amend; that answer brings the next decision.
                slots[i].Stale = true;
                continue;
            }

            _router.Cancel(slots[i].ClientOrderId);
            QuotesCancelled++;
            slots[i] = default;
        }
    }

    /// <summary>True while the quote's order waits for the venue's answer to an amend (it can be neither amended nor cancelled meanwhile).</summary>
    private bool AmendInFlight(in QuoteSlot slot)
    {
        var orders = _router.Engine.Orders;
        return orders.TryFind(slot.ClientOrderId, out var index) && orders[index].State == OrderState.PendingReplace;
    }

    private static void Forget(QuoteSlot[] slots) => Array.Clear(slots);
}
