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

namespace Velox.Strategies.Arbitrage;

/// <summary>
/// Spot–spot arbitrage between two venues. While both books are in sync and younger than
/// <see cref="ArbitrageParameters.MaxDataAgeNanos"/>, every book change checks both directions (buy A's ask and
/// sell B's bid, or the reverse) net of both taker fees against the minimum margin; the size is the smaller
/// top-of-book quantity capped by the configuration and rounded to both lots. The legs are IOC limit orders at
/// the observed prices, or through them by up to <see cref="ArbitrageParameters.SlippageTolerance"/> (never so far
/// that the cycle filled at both limits would earn less than the minimum margin), sent through risk and the OMS. If they fill unequally (reject, expiry, partial fill,
/// timeout) the difference is unwound with a market IOC order on the venue of the leg that filled more, in the
/// opposite direction, retried until flat, and every step is reported as an <see cref="ArbitrageEvent"/>:
/// an exposure is never left open silently (a late fill on the last cycle's legs reopens recovery). An unwind
/// order is forgotten once it is finished, so a venue's fill after its expiry would not be seen. State changes go through <see cref="ArbitrageStateMachine"/>.
/// Allocation-free per tick.
/// </summary>
public sealed class CrossVenueArbitrage<TSink> : IStrategy
    where TSink : struct, IOrderSink
{
    private readonly ArbitrageParameters _p;
    private readonly OrderRouter<TSink> _router;
    private readonly IClock _clock;
    private readonly ArbitrageStateMachine _machine = new();
    private readonly long _commonLot;

    private long _buyId;
    private long _sellId;
    private long _unwindId;
    private InstrumentId _buyInstrument;
    private InstrumentId _sellInstrument;
    private long _quantity;
    private long _buyFilled;
    private long _sellFilled;
    private long _unwindSold;
    private long _unwindBought;
    private long _unwindFilled;
    private bool _unwindSells;
    private long _executionStart;
    private long _unwindRetryAt;
    private long _cooldownUntil;

    /// <summary>Creates the strategy; throws naming the problem when the parameters or the instruments' scales do not fit.</summary>
    public CrossVenueArbitrage(ArbitrageParameters parameters, InstrumentRegistry instruments, OrderRouter<TSink> router, IClock clock, int eventCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(clock);
        parameters.Validate();
        var a = instruments[parameters.InstrumentA];
        var b = instruments[parameters.InstrumentB];
        if (a.PriceScale != b.PriceScale || a.SizeScale != b.SizeScale)
        {
            throw new ArgumentException(
                $"arbitrage instruments {a} and {b} must share price and size scales (have {a.PriceScale}/{a.SizeScale} and {b.PriceScale}/{b.SizeScale})",
                nameof(parameters));
        }

        _p = parameters;
        _router = router;
        _clock = clock;
        _commonLot = ArbitrageMath.CommonLot(parameters.LotSizeA.Raw, parameters.LotSizeB.Raw);
        Events = new EventRing<ArbitrageEvent>(eventCapacity);
    }

    public ArbitrageParameters Parameters => _p;

    /// <summary>The cycle's state machine.</summary>
    public ArbitrageStateMachine Machine => _machine;

    public ArbitrageState State => _machine.State;

    /// <summary>What happened, oldest first, for the host to log.</summary>
    public EventRing<ArbitrageEvent> Events { get; }

    /// <summary>Opportunity checks made on fresh, in-sync books.</summary>
    public long Checks { get; private set; }

    /// <summary>Checks skipped because a book was older than the allowed age.</summary>
    public long StaleSkips { get; private set; }

    /// <summary>Opportunities whose size rounded below the minimum.</summary>
    public long TooSmall { get; private set; }

    /// <summary>Cycles whose legs could not go the whole slippage tolerance through the top without breaking the minimum margin.</summary>
    public long ToleranceCapped { get; private set; }

    /// <summary>Opportunities acted on.</summary>
    public long Opportunities { get; private set; }

    /// <summary>Cycles completed with both legs filled.</summary>
    public long Completed { get; private set; }

    /// <summary>Cycles that ended in Failed (with nothing left open).</summary>
    public long Failures { get; private set; }

    /// <summary>Cycles that had to recover from unequal legs.</summary>
    public long Recoveries { get; private set; }

    /// <summary>Fills on the last cycle's legs that arrived after it had ended.</summary>
    public long LateFills { get; private set; }

    /// <summary>Unwind orders sent.</summary>
    public long UnwindsSent { get; private set; }

    /// <summary>Unwind orders refused (the exposure stayed open until a retry succeeded).</summary>
    public long UnwindRefusals { get; private set; }

    /// <summary>Signed quantity bought on the buy venue minus sold on the sell venue, after unwinds, of the current cycle.</summary>
    public long Exposure => _buyFilled - _sellFilled - _unwindSold + _unwindBought;

    /// <summary>Client order ids of the current cycle's legs and unwind (0: none).</summary>
    public (long Buy, long Sell, long Unwind) CurrentOrders => (_buyId, _sellId, _unwindId);

    public void OnBook(in BookUpdate update)
    {
        if (update.Instrument == _p.InstrumentA || update.Instrument == _p.InstrumentB)
        {
            Evaluate(_clock.NowNanos());
        }
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state)
    {
        if ((instrument == _p.InstrumentA || instrument == _p.InstrumentB) && state != BookSyncState.InSync && _machine.State == ArbitrageState.Detecting)
        {
            Move(ArbitrageState.Idle);
        }
    }

    public void OnTrade(in TradeEvent trade)
    {
    }

    public void OnExecutionReport(in ExecutionReport report, ReportOutcome outcome)
    {
        var id = report.ClientOrderId;
        if (outcome != ReportOutcome.Applied || id == 0 || (id != _buyId && id != _sellId && id != _unwindId))
        {
            return;
        }

        if (report.Type == ExecType.Fill)
        {
            if (id == _buyId)
            {
                _buyFilled += report.Quantity.Raw;
            }
            else if (id == _sellId)
            {
                _sellFilled += report.Quantity.Raw;
            }
            else
            {
                _unwindFilled += report.Quantity.Raw;
            }

            var state = _machine.State;
            if (state is not (ArbitrageState.OpportunityFound or ArbitrageState.Executing or ArbitrageState.Recovering))
            {
                LateFills++;
                EnterRecovering();
                Record(ArbitrageEventKind.LateFill, _clock.NowNanos(), report.Quantity.Raw, Exposure);
            }
        }

        Advance(_clock.NowNanos());
    }

    public void OnTimer(long nowNanos)
    {
        var state = _machine.State;
        if (state == ArbitrageState.Executing && nowNanos - _executionStart >= _p.LegTimeoutNanos)
        {
            CancelIfOpen(_buyId);
            CancelIfOpen(_sellId);
            EnterRecovering();
            Record(ArbitrageEventKind.LegTimeout, nowNanos, _quantity, Exposure);
            Recover(nowNanos);
        }
        else if (state == ArbitrageState.Executing || state == ArbitrageState.Recovering)
        {
            Advance(nowNanos);
        }
        else
        {
            Evaluate(nowNanos);
        }
    }

    private void Evaluate(long now)
    {
        var state = _machine.State;
        if (_router.IsStopped)
        {
            if (state is ArbitrageState.Detecting or ArbitrageState.Completed or ArbitrageState.Failed)
            {
                Move(ArbitrageState.Idle);
            }

            return;
        }

        if (state is ArbitrageState.Completed or ArbitrageState.Failed)
        {
            if (now < _cooldownUntil)
            {
                return;
            }

            Move(BothInSync() ? ArbitrageState.Detecting : ArbitrageState.Idle);
            state = _machine.State;
        }

        if (state == ArbitrageState.Idle && BothInSync())
        {
            Move(ArbitrageState.Detecting);
            state = _machine.State;
        }

        if (state != ArbitrageState.Detecting)
        {
            return;
        }

        if (!BothInSync())
        {
            Move(ArbitrageState.Idle);
            return;
        }

        Detect(now);
    }

    private bool BothInSync()
    {
        var market = _router.Market;
        return market.State(_p.InstrumentA) == BookSyncState.InSync && market.State(_p.InstrumentB) == BookSyncState.InSync;
    }

    private void Detect(long now)
    {
        var market = _router.Market;
        if (now - market.LastUpdateNanos(_p.InstrumentA) > _p.MaxDataAgeNanos || now - market.LastUpdateNanos(_p.InstrumentB) > _p.MaxDataAgeNanos)
        {
            StaleSkips++;
            return;
        }

        var bookA = market.Book(_p.InstrumentA);
        var bookB = market.Book(_p.InstrumentB);
        if (bookA is null || bookB is null || !bookA.TryGetTop(out var bidA, out var askA) || !bookB.TryGetTop(out var bidB, out var askB))
        {
            return;
        }

        Checks++;
        var edgeAb = ArbitrageMath.NetEdge(askA.Price, _p.TakerFeeA, bidB.Price, _p.TakerFeeB, _p.MinMargin);
        var edgeBa = ArbitrageMath.NetEdge(askB.Price, _p.TakerFeeB, bidA.Price, _p.TakerFeeA, _p.MinMargin);
        if (edgeAb < 0 && edgeBa < 0)
        {
            return;
        }

        // Buy where it is cheap, sell where it is dear; the larger edge wins if both directions qualify.
        var buyOnA = edgeAb >= edgeBa;
        var buyPrice = buyOnA ? askA.Price : askB.Price;
        var sellPrice = buyOnA ? bidB.Price : bidA.Price;
        var available = buyOnA ? Math.Min(askA.Size, bidB.Size) : Math.Min(askB.Size, bidA.Size);
        var quantity = Math.Min(available, _p.MaxQuantity.Raw) / _commonLot * _commonLot;
        if (quantity < _p.MinQuantity.Raw)
        {
            TooSmall++;
            return;
        }

        Opportunities++;
        if (ArbitrageMath.TryLimitPrices(
            buyPrice, buyOnA ? _p.TakerFeeA : _p.TakerFeeB, buyOnA ? _p.TickSizeA.Raw : _p.TickSizeB.Raw,
            sellPrice, buyOnA ? _p.TakerFeeB : _p.TakerFeeA, buyOnA ? _p.TickSizeB.Raw : _p.TickSizeA.Raw,
            _p.MinMargin, _p.SlippageTolerance, out var buyLimit, out var sellLimit))
        {
            ToleranceCapped++;
        }

        StartCycle(buyOnA ? _p.InstrumentA : _p.InstrumentB, buyOnA ? _p.InstrumentB : _p.InstrumentA, quantity);
        Move(ArbitrageState.OpportunityFound);
        Record(ArbitrageEventKind.OpportunityFound, now, quantity, 0);
        Execute(now, buyLimit, sellLimit);
    }

    private void StartCycle(InstrumentId buy, InstrumentId sell, long quantity)
    {
        _buyInstrument = buy;
        _sellInstrument = sell;
        _quantity = quantity;
        _buyId = 0;
        _sellId = 0;
        _unwindId = 0;
        _buyFilled = 0;
        _sellFilled = 0;
        _unwindSold = 0;
        _unwindBought = 0;
        _unwindFilled = 0;
        _unwindRetryAt = 0;
    }

    private void Execute(long now, long buyPrice, long sellPrice)
    {
        var buy = new OrderRequest(_buyInstrument, Side.Bid, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(buyPrice), new Quantity(_quantity));
        if (_router.Submit(buy, out _buyId, out var reason) != RouteStatus.Sent)
        {
            _buyId = 0;
            Finish(ArbitrageState.Failed, now);
            Record(ArbitrageEventKind.LegRefused, now, _quantity, 0, reason);
            return;
        }

        var sell = new OrderRequest(_sellInstrument, Side.Ask, OrderType.Limit, TimeInForce.ImmediateOrCancel, new Price(sellPrice), new Quantity(_quantity));
        if (_router.Submit(sell, out _sellId, out reason) != RouteStatus.Sent)
        {
            _sellId = 0;
            CancelIfOpen(_buyId);
            EnterRecovering();
            Record(ArbitrageEventKind.LegRefused, now, _quantity, 0, reason);
            return;
        }

        _executionStart = now;
        Move(ArbitrageState.Executing);
        Record(ArbitrageEventKind.LegsSent, now, _quantity, 0);
    }

    private void Advance(long now)
    {
        var state = _machine.State;
        if (state == ArbitrageState.Executing)
        {
            if (!IsDone(_buyId) || !IsDone(_sellId))
            {
                return;
            }

            if (_buyFilled == _quantity && _sellFilled == _quantity)
            {
                Completed++;
                Finish(ArbitrageState.Completed, now);
                Record(ArbitrageEventKind.Completed, now, _quantity, 0);
            }
            else if (_buyFilled == 0 && _sellFilled == 0)
            {
                Finish(ArbitrageState.Failed, now);
                Record(ArbitrageEventKind.BothLegsMissed, now, 0, 0);
            }
            else
            {
                var exposure = Exposure;
                if (exposure == 0)
                {
                    // Equal partial fills: hedged, just smaller than planned.
                    Completed++;
                    Finish(ArbitrageState.Completed, now);
                    Record(ArbitrageEventKind.Completed, now, _buyFilled, 0);
                    return;
                }

                EnterRecovering();
                Record(ArbitrageEventKind.LegShortfall, now, _quantity, exposure);
                Recover(now);
            }
        }
        else if (state == ArbitrageState.Recovering)
        {
            Recover(now);
        }
    }

    private void EnterRecovering()
    {
        Recoveries++;
        Move(ArbitrageState.Recovering);
    }

    /// <summary>Waits for the legs and any unwind to finish, then unwinds what is left until flat.</summary>
    private void Recover(long now)
    {
        if (!IsDone(_buyId) || !IsDone(_sellId))
        {
            CancelIfOpen(_buyId);
            CancelIfOpen(_sellId);
            return;
        }

        if (_unwindId != 0)
        {
            if (!IsDone(_unwindId))
            {
                return;
            }

            if (_unwindSells)
            {
                _unwindSold += _unwindFilled;
            }
            else
            {
                _unwindBought += _unwindFilled;
            }

            _unwindId = 0;
            _unwindFilled = 0;
        }

        var exposure = Exposure;
        if (exposure == 0)
        {
            Finish(ArbitrageState.Failed, now);
            Record(ArbitrageEventKind.Unwound, now, _unwindSold + _unwindBought, 0);
            return;
        }

        if (now < _unwindRetryAt)
        {
            return;
        }

        // Long the excess on the buy venue: sell it there. Short the excess on the sell venue: buy it back there.
        var unwind = exposure > 0
            ? OrderRequest.Market(_buyInstrument, Side.Ask, new Quantity(exposure))
            : OrderRequest.Market(_sellInstrument, Side.Bid, new Quantity(-exposure));
        if (_router.Submit(unwind, out var id, out var reason) == RouteStatus.Sent)
        {
            _unwindId = id;
            _unwindSells = exposure > 0;
            UnwindsSent++;
            Record(ArbitrageEventKind.UnwindSent, now, Math.Abs(exposure), exposure);
        }
        else
        {
            UnwindRefusals++;
            Record(ArbitrageEventKind.UnwindRefused, now, Math.Abs(exposure), exposure, reason);
        }

        _unwindRetryAt = now + _p.UnwindRetryNanos;
    }

    private void Finish(ArbitrageState final, long now)
    {
        if (final == ArbitrageState.Failed)
        {
            Failures++;
        }

        Move(final);
        _cooldownUntil = now + _p.CooldownNanos;
    }

    /// <summary>True when the order is finished (terminal, or no longer known to the OMS); an id of 0 is finished.</summary>
    private bool IsDone(long clientOrderId) =>
        clientOrderId == 0 || !_router.Engine.Orders.TryFind(clientOrderId, out var slot) || OrderTransitions.IsTerminal(_router.Engine.Orders[slot].State);

    private void CancelIfOpen(long clientOrderId)
    {
        if (clientOrderId != 0 && _router.Engine.Orders.TryFind(clientOrderId, out var slot))
        {
            var state = _router.Engine.Orders[slot].State;
            if (!OrderTransitions.IsTerminal(state) && state != OrderState.PendingCancel)
            {
                _router.Cancel(clientOrderId);
            }
        }
    }

    private void Move(ArbitrageState next)
    {
        if (!_machine.TryMoveTo(next))
        {
            Record(ArbitrageEventKind.IllegalTransition, _clock.NowNanos(), (long)next, 0);
        }
    }

    private void Record(ArbitrageEventKind kind, long now, long quantity, long exposure, RiskRejectReason reason = RiskRejectReason.None) =>
        Events.Add(new ArbitrageEvent(now, kind, _machine.State, _buyId, _sellId, quantity, exposure, reason));
}
