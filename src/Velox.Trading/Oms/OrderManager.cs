using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Collections;
using Velox.Trading.Orders;

namespace Velox.Trading.Oms;

/// <summary>
/// The order management system: orders in preallocated slots indexed by client order id, moved only
/// through <see cref="OrderTransitions"/>. Reports are reconciled idempotently: fills de-duplicated by
/// fill id, late and repeated reports ignored as stale, impossible ones counted and never applied,
/// unknown client order ids counted. Keeps per-instrument open order counts, open quantity per side and
/// a list of open orders (for risk). Single-threaded; nothing here allocates after construction.
/// </summary>
public sealed class OrderManager
{
    private const int None = -1;

    private readonly Order[] _orders;
    private readonly LongKeyMap _byClientId;
    private readonly int[] _free;
    private readonly int[] _retired;
    private readonly FillIdSet _fills;
    private readonly ClientOrderIdSource _ids;
    private readonly IClock _clock;
    private readonly int[] _openHead;
    private readonly int[] _openCount;
    private readonly long[] _openBuyLeaves;
    private readonly long[] _openSellLeaves;
    private readonly long[] _outcomes = new long[Enum.GetValues<ReportOutcome>().Length];
    private int _freeCount;
    private int _retiredHead;
    private int _retiredCount;
    private int _openTotal;

    /// <summary>Creates an OMS with every slot and map preallocated from <paramref name="options"/>.</summary>
    public OrderManager(OmsOptions options, ClientOrderIdSource ids, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _ids = ids;
        _clock = clock;
        _orders = new Order[options.MaxOrders];
        _byClientId = new LongKeyMap(options.MaxOrders);
        _free = new int[options.MaxOrders];
        _retired = new int[options.MaxOrders];
        _fills = new FillIdSet(options.FillIdHistory);
        _openHead = new int[options.MaxInstruments];
        _openHead.AsSpan().Fill(None);
        _openCount = new int[options.MaxInstruments];
        _openBuyLeaves = new long[options.MaxInstruments];
        _openSellLeaves = new long[options.MaxInstruments];
        for (var i = 0; i < _free.Length; i++)
        {
            _free[i] = _free.Length - 1 - i;
        }

        _freeCount = _free.Length;
    }

    /// <summary>Slots in the pool.</summary>
    public int Capacity => _orders.Length;

    /// <summary>Orders not in a terminal state.</summary>
    public int OpenOrders => _openTotal;

    /// <summary>Commands and reports refused because the order's state does not allow them.</summary>
    public long IllegalTransitions { get; private set; }

    /// <summary>Reports handled with the given outcome so far.</summary>
    public long Count(ReportOutcome outcome) => _outcomes[(int)outcome];

    /// <summary>Open (non-terminal) orders on an instrument.</summary>
    public int OpenOrdersOn(InstrumentId instrument) => _openCount[instrument.Value];

    /// <summary>Unfilled quantity of open orders on one side of an instrument (raw, size scale).</summary>
    public long OpenLeaves(InstrumentId instrument, Side side) =>
        side == Side.Bid ? _openBuyLeaves[instrument.Value] : _openSellLeaves[instrument.Value];

    /// <summary>The order in a slot (by reference; do not hold across OMS calls).</summary>
    public ref readonly Order this[int slot] => ref _orders[slot];

    /// <summary>Finds the slot of a client order id.</summary>
    public bool TryFind(long clientOrderId, out int slot) => _byClientId.TryGetValue(clientOrderId, out slot);

    /// <summary>Copies out the order with this client order id.</summary>
    public bool TryGet(long clientOrderId, out Order order)
    {
        if (_byClientId.TryGetValue(clientOrderId, out var slot))
        {
            order = _orders[slot];
            return true;
        }

        order = default;
        return false;
    }

    /// <summary>First open order slot on an instrument (-1 when none); continue with <see cref="NextOpen"/>.</summary>
    public int FirstOpen(InstrumentId instrument) => _openHead[instrument.Value];

    /// <summary>Next open order slot on the same instrument (-1 at the end).</summary>
    public int NextOpen(int slot) => _orders[slot].NextOpen;

    /// <summary>Places a new order in state PendingNew and gives it a client order id. Risk is checked before, by the caller.</summary>
    public SubmitStatus TrySubmit(in OrderRequest request, out long clientOrderId)
    {
        clientOrderId = 0;
        if (request.Instrument.Value >= _openHead.Length)
        {
            return SubmitStatus.UnknownInstrument;
        }

        if (!request.IsWellFormed)
        {
            return SubmitStatus.InvalidOrder;
        }

        if (!TryTakeSlot(out var slot))
        {
            return SubmitStatus.PoolExhausted;
        }

        clientOrderId = _ids.Next();
        var now = _clock.NowNanos();
        ref var order = ref _orders[slot];
        order = default;
        order.ClientOrderId = clientOrderId;
        order.Instrument = request.Instrument;
        order.Side = request.Side;
        order.Type = request.Type;
        order.TimeInForce = request.TimeInForce;
        order.Flags = request.Flags;
        order.Price = request.Price;
        order.Quantity = request.Quantity;
        order.State = OrderState.PendingNew;
        order.BeforePending = OrderState.PendingNew;
        order.CreatedNanos = now;
        order.UpdatedNanos = now;
        _byClientId.TrySet(clientOrderId, slot);
        Link(slot);
        AddLeaves(ref order);
        return SubmitStatus.Accepted;
    }

    /// <summary>Moves an order to PendingCancel; the caller sends the cancel to the venue.</summary>
    public CommandStatus TryCancel(long clientOrderId)
    {
        if (!_byClientId.TryGetValue(clientOrderId, out var slot))
        {
            return CommandStatus.UnknownOrder;
        }

        return RequestCancel(slot) ? CommandStatus.Accepted : CommandStatus.InvalidState;
    }

    /// <summary>Moves an order to PendingReplace with the new price and quantity; the caller sends the amend.</summary>
    public CommandStatus TryAmend(long clientOrderId, Price price, Quantity quantity)
    {
        if (!_byClientId.TryGetValue(clientOrderId, out var slot))
        {
            return CommandStatus.UnknownOrder;
        }

        ref var order = ref _orders[slot];
        if (order.Type == OrderType.Market || price.Raw <= 0 || quantity.Raw <= order.Filled.Raw)
        {
            return CommandStatus.InvalidAmend;
        }

        var current = order.State;
        if (OrderTransitions.TryTransition(current, OrderEvent.ReplaceRequest, order.BeforePending, out var next) != TransitionResult.Applied)
        {
            IllegalTransitions++;
            return CommandStatus.InvalidState;
        }

        order.BeforePending = current;
        order.State = next;
        order.PendingPrice = price;
        order.PendingQuantity = quantity;
        order.UpdatedNanos = _clock.NowNanos();
        return CommandStatus.Accepted;
    }

    /// <summary>
    /// Moves every open order on <paramref name="instrument"/> (<see cref="InstrumentId.None"/>: on all
    /// instruments) that can be cancelled to PendingCancel; returns how many. Orders already pending a
    /// cancel are left as they are, and so are orders waiting for an amend's answer (the state machine has no cancel
    /// from PendingReplace; the venue's cancel-all, which the caller sends, cancels them and its CancelAck closes them).
    /// </summary>
    public int CancelAll(InstrumentId instrument)
    {
        var cancelled = 0;
        if (!instrument.IsNone)
        {
            return CancelAllOn(instrument.Value);
        }

        for (var i = 0; i < _openHead.Length; i++)
        {
            cancelled += CancelAllOn(i);
        }

        return cancelled;
    }

    /// <summary>Reconciles one execution report into its order; <paramref name="slot"/> is the order's slot (-1 when unknown).</summary>
    public ReportOutcome Apply(in ExecutionReport report, out int slot)
    {
        if (!_byClientId.TryGetValue(report.ClientOrderId, out slot))
        {
            slot = None;
            return Counted(ReportOutcome.UnknownOrder);
        }

        ref var order = ref _orders[slot];
        OrderEvent orderEvent;
        switch (report.Type)
        {
            case ExecType.Ack:
                orderEvent = OrderEvent.Ack;
                break;
            case ExecType.Reject:
                orderEvent = OrderEvent.Reject;
                break;
            case ExecType.Fill:
                if (report.Quantity.Raw <= 0 || report.Price.Raw <= 0)
                {
                    return Counted(ReportOutcome.InvalidReport);
                }

                if (_fills.Contains(order.Instrument, report.FillId))
                {
                    return Counted(ReportOutcome.DuplicateFill);
                }

                var filled = order.Filled.Raw + report.Quantity.Raw;
                if (filled > order.Quantity.Raw)
                {
                    return Counted(ReportOutcome.Overfill);
                }

                orderEvent = filled == order.Quantity.Raw ? OrderEvent.Fill : OrderEvent.PartialFill;
                break;
            case ExecType.CancelAck:
                orderEvent = OrderEvent.CancelAck;
                break;
            case ExecType.CancelReject:
                orderEvent = OrderEvent.CancelReject;
                break;
            case ExecType.ReplaceAck:
                orderEvent = OrderEvent.ReplaceAck;
                break;
            case ExecType.ReplaceReject:
                orderEvent = OrderEvent.ReplaceReject;
                break;
            case ExecType.Expire:
                orderEvent = OrderEvent.Expire;
                break;
            default:
                return Counted(ReportOutcome.InvalidReport);
        }

        var current = order.State;
        var result = OrderTransitions.TryTransition(current, orderEvent, order.BeforePending, out var next);
        if (result == TransitionResult.Stale)
        {
            return Counted(ReportOutcome.Stale);
        }

        if (result == TransitionResult.Illegal)
        {
            IllegalTransitions++;
            return Counted(ReportOutcome.IllegalTransition);
        }

        var wasTerminal = OrderTransitions.IsTerminal(current);
        if (!wasTerminal)
        {
            RemoveLeaves(ref order);
        }

        if (order.VenueOrderId == 0)
        {
            order.VenueOrderId = report.VenueOrderId;
        }

        var pending = current is OrderState.PendingCancel or OrderState.PendingReplace;
        switch (orderEvent)
        {
            case OrderEvent.Ack:
                if (pending && order.BeforePending == OrderState.PendingNew)
                {
                    order.BeforePending = OrderState.New;
                }

                break;
            case OrderEvent.Fill:
            case OrderEvent.PartialFill:
                _fills.Add(order.Instrument, report.FillId);
                order.Filled = new Quantity(order.Filled.Raw + report.Quantity.Raw);
                order.FilledNotional += (Int128)report.Price.Raw * report.Quantity.Raw;
                order.Fees += report.Fee;
                if (pending)
                {
                    order.BeforePending = OrderState.PartiallyFilled;
                }

                break;
            case OrderEvent.ReplaceAck:
                order.Price = report.Price.Raw != 0 ? report.Price : order.PendingPrice;
                order.Quantity = report.Quantity.Raw != 0 ? report.Quantity : order.PendingQuantity;
                if (order.Filled.Raw >= order.Quantity.Raw)
                {
                    next = OrderState.Filled;
                }

                break;
            case OrderEvent.Reject:
            case OrderEvent.CancelReject:
            case OrderEvent.ReplaceReject:
                order.RejectCode = report.RejectCode;
                break;
            default:
                break;
        }

        order.State = next;
        order.UpdatedNanos = _clock.NowNanos();
        if (!wasTerminal)
        {
            if (OrderTransitions.IsTerminal(next))
            {
                Unlink(slot);
                Retire(slot);
            }
            else
            {
                AddLeaves(ref order);
            }
        }

        return Counted(ReportOutcome.Applied);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReportOutcome Counted(ReportOutcome outcome)
    {
        _outcomes[(int)outcome]++;
        return outcome;
    }

    private int CancelAllOn(int instrument)
    {
        var cancelled = 0;
        for (var slot = _openHead[instrument]; slot != None; slot = _orders[slot].NextOpen)
        {
            if (_orders[slot].State is not (OrderState.PendingCancel or OrderState.PendingReplace) && RequestCancel(slot))
            {
                cancelled++;
            }
        }

        return cancelled;
    }

    private bool RequestCancel(int slot)
    {
        ref var order = ref _orders[slot];
        var current = order.State;
        if (OrderTransitions.TryTransition(current, OrderEvent.CancelRequest, order.BeforePending, out var next) != TransitionResult.Applied)
        {
            IllegalTransitions++;
            return false;
        }

        order.BeforePending = current;
        order.State = next;
        order.UpdatedNanos = _clock.NowNanos();
        return true;
    }

    private bool TryTakeSlot(out int slot)
    {
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
            return true;
        }

        if (_retiredCount > 0)
        {
            // Reuse the longest-finished order: late reports for it become unknown from now on.
            slot = _retired[_retiredHead];
            _retiredHead = (_retiredHead + 1) % _retired.Length;
            _retiredCount--;
            _byClientId.Remove(_orders[slot].ClientOrderId);
            return true;
        }

        slot = None;
        return false;
    }

    private void Retire(int slot)
    {
        _retired[(_retiredHead + _retiredCount) % _retired.Length] = slot;
        _retiredCount++;
    }

    private void Link(int slot)
    {
        ref var order = ref _orders[slot];
        var instrument = order.Instrument.Value;
        var head = _openHead[instrument];
        order.PreviousOpen = None;
        order.NextOpen = head;
        if (head != None)
        {
            _orders[head].PreviousOpen = slot;
        }

        _openHead[instrument] = slot;
        _openCount[instrument]++;
        _openTotal++;
    }

    private void Unlink(int slot)
    {
        ref var order = ref _orders[slot];
        var instrument = order.Instrument.Value;
        if (order.PreviousOpen != None)
        {
            _orders[order.PreviousOpen].NextOpen = order.NextOpen;
        }
        else
        {
            _openHead[instrument] = order.NextOpen;
        }

        if (order.NextOpen != None)
        {
            _orders[order.NextOpen].PreviousOpen = order.PreviousOpen;
        }

        order.NextOpen = None;
        order.PreviousOpen = None;
        _openCount[instrument]--;
        _openTotal--;
    }

    private void AddLeaves(ref Order order)
    {
        var leaves = order.Quantity.Raw - order.Filled.Raw;
        if (order.Side == Side.Bid)
        {
            _openBuyLeaves[order.Instrument.Value] += leaves;
        }
        else
        {
            _openSellLeaves[order.Instrument.Value] += leaves;
        }
    }

    private void RemoveLeaves(ref Order order)
    {
        var leaves = order.Quantity.Raw - order.Filled.Raw;
        if (order.Side == Side.Bid)
        {
            _openBuyLeaves[order.Instrument.Value] -= leaves;
        }
        else
        {
            _openSellLeaves[order.Instrument.Value] -= leaves;
        }
    }
}
