using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;

namespace Velox.Trading;

/// <summary>
/// The engine-side order flow: new order → pre-trade risk → OMS (→ journal), execution report → OMS →
/// positions and breakers (→ journal). When the kill switch is engaged or a breaker imposes HALT, every
/// open order is moved to PendingCancel once (the caller sends the venues' cancel-all). Single-threaded;
/// allocation-free per order and per report. Sending to venues is the caller's (order gateway's) job.
/// </summary>
public sealed class TradingEngine
{
    private readonly IClock _clock;
    private readonly JournalWriter? _journal;
    private bool _stopped;

    public TradingEngine(
        OrderManager orders,
        PreTradeRisk risk,
        PositionBook positions,
        CircuitBreakers breakers,
        KillSwitch killSwitch,
        IClock clock,
        JournalWriter? journal = null)
    {
        Orders = orders;
        Risk = risk;
        Positions = positions;
        Breakers = breakers;
        KillSwitch = killSwitch;
        _clock = clock;
        _journal = journal;
    }

    /// <summary>
    /// An engine with its own OMS (room for <paramref name="maxOrders"/> orders), positions, circuit breakers, kill
    /// switch and pre-trade risk over every instrument of <paramref name="registry"/>.
    /// </summary>
    public static TradingEngine Create(
        InstrumentRegistry registry, RiskOptions risk, BreakerOptions breakers, ClientOrderIdSource ids, IClock clock, JournalWriter? journal = null, int maxOrders = 4096)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var orders = new OrderManager(new OmsOptions { MaxOrders = maxOrders, MaxInstruments = registry.Count }, ids, clock);
        var positions = new PositionBook(registry);
        var circuitBreakers = new CircuitBreakers(breakers, registry.Count);
        var killSwitch = new KillSwitch();
        var preTrade = new PreTradeRisk(risk, registry, clock, orders, positions, circuitBreakers, killSwitch);
        return new TradingEngine(orders, preTrade, positions, circuitBreakers, killSwitch, clock, journal);
    }

    public OrderManager Orders { get; }

    public PreTradeRisk Risk { get; }

    public PositionBook Positions { get; }

    public CircuitBreakers Breakers { get; }

    public KillSwitch KillSwitch { get; }

    /// <summary>Times the journal buffer was full and had to be flushed on the order path (size the buffer so this stays 0).</summary>
    public long JournalFlushesInline { get; private set; }

    /// <summary>Risk-checks and places a new order; on <see cref="SubmitStatus.Accepted"/> the caller sends it under <paramref name="clientOrderId"/>.</summary>
    public SubmitStatus TrySubmit(in OrderRequest order, in MarketState market, out RiskRejectReason reason, out long clientOrderId)
    {
        EnforceStops();
        clientOrderId = 0;
        reason = Risk.Check(order, market);
        if (reason != RiskRejectReason.None)
        {
            if (_journal is not null && !_journal.TryAppendRiskReject(order, reason))
            {
                FlushInline();
                _journal.TryAppendRiskReject(order, reason);
            }

            return SubmitStatus.RiskRejected;
        }

        var status = Orders.TrySubmit(order, out clientOrderId);
        if (status == SubmitStatus.Accepted && _journal is not null && !_journal.TryAppendNewOrder(clientOrderId, order))
        {
            FlushInline();
            _journal.TryAppendNewOrder(clientOrderId, order);
        }

        return status;
    }

    /// <summary>Requests a cancel.</summary>
    public CommandStatus TryCancel(long clientOrderId)
    {
        var status = Orders.TryCancel(clientOrderId);
        Journal(JournalRecordType.Cancel, clientOrderId, status, default, default);
        return status;
    }

    /// <summary>
    /// Risk-checks an amend of a working order to <paramref name="price"/> and <paramref name="quantity"/> (new total
    /// size) against the instrument's market (<see cref="PreTradeRisk.CheckAmend"/>), then moves it to PendingReplace;
    /// on <see cref="CommandStatus.Accepted"/> the caller sends the amend. A refusal by risk is journalled like a new
    /// order's and returns <see cref="CommandStatus.RiskRejected"/> with <paramref name="reason"/>.
    /// </summary>
    public CommandStatus TryAmend(long clientOrderId, Price price, Quantity quantity, in MarketState market, out RiskRejectReason reason)
    {
        EnforceStops();
        reason = RiskRejectReason.None;
        if (!Orders.TryFind(clientOrderId, out var slot)
            || OrderTransitions.TryTransition(Orders[slot].State, OrderEvent.ReplaceRequest, Orders[slot].BeforePending, out _) != TransitionResult.Applied)
        {
            // Refused by the OMS for its state, without taking a rate-limit token.
            return TryAmend(clientOrderId, price, quantity);
        }

        ref readonly var order = ref Orders[slot];
        reason = Risk.CheckAmend(order, price, quantity, market);
        if (reason == RiskRejectReason.None)
        {
            return TryAmend(clientOrderId, price, quantity);
        }

        var request = new OrderRequest(order.Instrument, order.Side, order.Type, order.TimeInForce, price, quantity, order.Flags);
        if (_journal is not null && !_journal.TryAppendRiskReject(request, reason))
        {
            FlushInline();
            _journal.TryAppendRiskReject(request, reason);
        }

        return CommandStatus.RiskRejected;
    }

    /// <summary>Requests an amend without a risk check (gateways replaying an amend the engine already checked, tests).</summary>
    public CommandStatus TryAmend(long clientOrderId, Price price, Quantity quantity)
    {
        var status = Orders.TryAmend(clientOrderId, price, quantity);
        Journal(JournalRecordType.Amend, clientOrderId, status, price, quantity);
        return status;
    }

    /// <summary>
    /// Books the opening position of an instrument that has not traded yet (startup reconciliation): signed
    /// <paramref name="quantity"/> at cost <paramref name="price"/>, journalled so a replay opens it too. False (and
    /// nothing journalled) when the instrument already has a position or fills.
    /// </summary>
    public bool TryOpenPosition(InstrumentId instrument, Quantity quantity, Price price)
    {
        if (!Positions.TryOpen(instrument, quantity, price))
        {
            return false;
        }

        if (_journal is not null && !_journal.TryAppendOpeningPosition(instrument, quantity, price))
        {
            FlushInline();
            _journal.TryAppendOpeningPosition(instrument, quantity, price);
        }

        return true;
    }

    /// <summary>Journals an order an earlier run left resting at the venue, which startup cancels (the caller sends the cancel).</summary>
    public void JournalEarlierOrderCancelled(InstrumentId instrument, long venueOrderId)
    {
        if (_journal is not null && !_journal.TryAppendEarlierOrderCancelled(instrument, venueOrderId))
        {
            FlushInline();
            _journal.TryAppendEarlierOrderCancelled(instrument, venueOrderId);
        }
    }

    /// <summary>Cancels every open order on an instrument (<see cref="InstrumentId.None"/>: everywhere).</summary>
    public int CancelAll(InstrumentId instrument)
    {
        var cancelled = Orders.CancelAll(instrument);
        if (_journal is not null && !_journal.TryAppendCancelAll(instrument, cancelled))
        {
            FlushInline();
            _journal.TryAppendCancelAll(instrument, cancelled);
        }

        return cancelled;
    }

    /// <summary>Reconciles a venue report into the OMS, books fills into positions and feeds errors to the breakers.</summary>
    public ReportOutcome OnReport(in ExecutionReport report)
    {
        var outcome = Orders.Apply(report, out var slot);
        var instrument = InstrumentId.None;
        if (slot >= 0)
        {
            ref readonly var order = ref Orders[slot];
            instrument = order.Instrument;
            if (outcome == ReportOutcome.Applied && report.Type == ExecType.Fill)
            {
                Positions.ApplyFill(instrument, order.Side, report.Price, report.Quantity, report.Fee);
            }
        }

        if (report.Type == ExecType.Reject || outcome is ReportOutcome.IllegalTransition or ReportOutcome.UnknownOrder or ReportOutcome.Overfill or ReportOutcome.InvalidReport)
        {
            Breakers.OnError(_clock.NowNanos());
        }

        if (_journal is not null && !_journal.TryAppendReport(report, instrument, outcome))
        {
            FlushInline();
            _journal.TryAppendReport(report, instrument, outcome);
        }

        EnforceStops();
        return outcome;
    }

    /// <summary>Feeds a mid price to the volatility breaker.</summary>
    public void OnMid(InstrumentId instrument, Price mid)
    {
        Breakers.OnMid(instrument, mid, _clock.NowNanos());
        EnforceStops();
    }

    /// <summary>Cancels everything once when the kill switch or a HALT breaker is active; returns orders cancelled.</summary>
    public int EnforceStops()
    {
        var stop = KillSwitch.IsEngaged || Breakers.Mode == TradingMode.Halt;
        if (!stop)
        {
            _stopped = false;
            return 0;
        }

        if (_stopped)
        {
            return 0;
        }

        _stopped = true;
        return CancelAll(InstrumentId.None);
    }

    /// <summary>Writes the journal buffer out (engine idle time or a housekeeping agent).</summary>
    public void FlushJournal(bool toDisk = false) => _journal?.Flush(toDisk);

    private void Journal(JournalRecordType type, long clientOrderId, CommandStatus status, Price price, Quantity quantity)
    {
        if (_journal is not null && !_journal.TryAppendCommand(type, clientOrderId, status, price, quantity))
        {
            FlushInline();
            _journal.TryAppendCommand(type, clientOrderId, status, price, quantity);
        }
    }

    private void FlushInline()
    {
        JournalFlushesInline++;
        _journal!.Flush();
    }
}
