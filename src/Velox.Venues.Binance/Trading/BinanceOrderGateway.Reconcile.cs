using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Reconnect and in-flight reconciliation. When the WebSocket API connection drops, the gateway reconnects on its
/// <see cref="ReconnectPolicy"/> (see <see cref="EnableReconnect"/>) and subscribes the user data stream again. The
/// events of the time in between are gone (Binance does not replay them), so before it takes new orders it asks
/// <c>order.status</c> for every order the OMS still holds open on Binance (PendingNew, New, PartiallyFilled,
/// PendingCancel, PendingReplace) and books the difference as reports: executed quantity the OMS has not seen → the
/// order's trades from myTrades, each its own fill with its commission (see the Trades part; when myTrades fails: one
/// fill, fill id negative so it never meets a Binance trade id, price = the venue's cumulative quote minus what the OMS
/// booked over the missing quantity, fee 0), then the venue's final state (FILLED,
/// CANCELED → cancel ack, EXPIRED → expire, still open → ack, a PendingCancel's cancel sent again), and -2013
/// (the venue never saw it) → reject (PendingNew) or expire. While connected, an order pending longer than
/// <see cref="BinanceGatewayOptions.PendingQueryMillis"/> is asked about too (its answer was lost). A late
/// executionReport of a trade a reconciliation already booked is dropped: by its trade id in the OMS, or by its cumulative
/// quantity (z) after an average-price fill. After a reconnect the open orders are searched for orphans too.
/// </summary>
public sealed partial class BinanceOrderGateway
{
    private const int MaxStatusRetries = 3;

    private Uri? _uri;
    private WebSocketClientOptions? _socketOptions;
    private ReconnectPolicy? _reconnect;
    private IClock? _clock;
    private long _nextConnectNanos;
    private long _nextStaleScanNanos;
    private bool _subscribedBefore;
    private int _statusOutstanding;
    private int _statusRetries;
    private long _syntheticFills;

    /// <summary>Connections that ended (the venue closed them, or the socket failed).</summary>
    public long Disconnects { get; private set; }

    /// <summary>Reconnect attempts (successful or not).</summary>
    public long ReconnectAttempts { get; private set; }

    /// <summary>Reconciliations after a resubscription that went through to the end.</summary>
    public long Reconciliations { get; private set; }

    /// <summary>order.status requests sent (after reconnects, and for orders pending too long).</summary>
    public long StatusQueries { get; private set; }

    /// <summary>Fills booked from an order.status answer (executed at the venue while we did not hear of it).</summary>
    public long ReconciledFills { get; private set; }

    /// <summary>Orders the venue did not know (-2013) and that were rejected or expired in the OMS.</summary>
    public long ReconciledUnknown { get; private set; }

    /// <summary>Trade events dropped because a reconciliation had already booked their quantity.</summary>
    public long TradesAlreadyReconciled { get; private set; }

    /// <summary>
    /// Reconnects on <paramref name="policy"/> whenever the connection drops (after a <see cref="Connect"/>, which
    /// remembers the address); <paramref name="clock"/> is the monotonic clock the delays are measured on.
    /// </summary>
    public void EnableReconnect(ReconnectPolicy policy, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(clock);
        _reconnect = policy;
        _clock = clock;
    }

    private long MonoNow() => _clock?.NowNanos() ?? MonotonicClock.Now();

    private void ScheduleReconnect()
    {
        if (_reconnect is not null)
        {
            var now = MonoNow();
            _nextConnectNanos = now + (_reconnect.NextDelay(now).Ticks * 100);
        }
    }

    /// <summary>Disconnected with a reconnect policy: one connect attempt when its delay is over (blocking; cold path).</summary>
    private int TryReconnect()
    {
        if (_reconnect is null || _uri is null || MonoNow() < _nextConnectNanos)
        {
            return 0;
        }

        ReconnectAttempts++;
        try
        {
            Connect(_uri, _socketOptions);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or WebSocketHandshakeException or TimeoutException)
        {
            LastVenueError = $"Binance order connection: reconnect failed ({e.Message})";
            State = BinanceGatewayState.Disconnected;
            _transport = null;
            ScheduleReconnect();
        }

        return 1;
    }

    /// <summary>The user data stream subscription was accepted: ready, or (after a drop) reconcile first.</summary>
    private void OnSubscribed()
    {
        _reconnect?.OnConnected(MonoNow());
        if (!_subscribedBefore)
        {
            _subscribedBefore = true;
            State = BinanceGatewayState.Ready;
            return;
        }

        State = BinanceGatewayState.Reconciling;
        _statusRetries = 0;
        _statusOutstanding = QueryOpenOrders(pendingOnly: false, touchedBefore: long.MaxValue);

        // After the status queries, so their answers are booked before the open orders are judged.
        SendOrphanSearch();
        FinishReconcileIfDone();
    }

    private void FinishReconcileIfDone()
    {
        if (State == BinanceGatewayState.Reconciling && _statusOutstanding <= 0)
        {
            _statusOutstanding = 0;
            State = BinanceGatewayState.Ready;
            Reconciliations++;
        }
    }

    /// <summary>Ready: every so often, asks about orders whose answer is overdue (PendingNew, PendingCancel, PendingReplace).</summary>
    private int QueryStalePending()
    {
        var limit = _options.PendingQueryMillis;
        if (limit <= 0 || _engine.Orders.OpenOrders == 0)
        {
            return 0;
        }

        var now = MonoNow();
        if (now < _nextStaleScanNanos)
        {
            return 0;
        }

        _nextStaleScanNanos = now + 100_000_000;
        return QueryOpenOrders(pendingOnly: true, touchedBefore: now - (limit * 1_000_000L) + 1);
    }

    /// <summary>
    /// Sends order.status for the open orders on Binance instruments (with <paramref name="pendingOnly"/> only those
    /// waiting for an answer) last touched before <paramref name="touchedBefore"/> (monotonic ns); returns how many went out.
    /// </summary>
    private int QueryOpenOrders(bool pendingOnly, long touchedBefore)
    {
        var sent = 0;
        var count = _registry.Count;
        for (var i = 0; i < count; i++)
        {
            var id = new InstrumentId((ushort)i);
            if (!IsBinance(id, out _))
            {
                continue;
            }

            for (var slot = _engine.Orders.FirstOpen(id); slot >= 0; slot = _engine.Orders.NextOpen(slot))
            {
                if ((!pendingOnly || _engine.Orders[slot].State is OrderState.PendingNew or OrderState.PendingCancel or OrderState.PendingReplace)
                    && _track[slot].TouchedNanos < touchedBefore
                    && TrySendStatus(slot, _track[slot].Generation))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private bool TrySendStatus(int slot, int generation)
    {
        ref readonly var order = ref _engine.Orders[slot];
        if (_transport is not { } transport || !IsBinance(order.Instrument, out var instrument)
            || !BinanceOrderEncoder.TryWriteStatus(
                _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, order.ClientOrderId, generation, instrument.SymbolUtf8.Span,
                NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            return false;
        }

        _track[slot].StatusGeneration = generation;
        _track[slot].TouchedNanos = MonoNow();
        StatusQueries++;
        return true;
    }

    /// <summary>An order.status answer: books what the OMS missed (see <see cref="Settle"/>) and the venue's state.</summary>
    private void OnStatus(in BinanceResponse r)
    {
        var coid = r.RequestNumber;
        if (!_engine.Orders.TryFind(coid, out var slot))
        {
            Unmatched++;
            StatusAnswered();
            return;
        }

        var state = StateOf(slot);
        var probingReplacement = _track[slot].StatusGeneration > _track[slot].Generation;
        if (!r.IsSuccess)
        {
            if (r.ErrorCode != -2013)
            {
                SetVenueError(r.ErrorCode, r.ErrorMessage);
                if (_statusRetries++ < MaxStatusRetries * Math.Max(1, _statusOutstanding) && TrySendStatus(slot, _track[slot].StatusGeneration))
                {
                    return;
                }
            }
            else if (probingReplacement)
            {
                // The replacing order does not exist: the cancel half went through alone (or the order was cancelled).
                Report(ExecutionReport.ReplaceReject(coid, (ushort)BinanceRejectCode.VenueUnknownOrder));
                Report(ExecutionReport.CancelAck(coid));
            }
            else if (!OrderTransitions.IsTerminal(state))
            {
                ReconciledUnknown++;
                Report(state == OrderState.PendingNew
                    ? ExecutionReport.Reject(coid, (ushort)BinanceRejectCode.VenueUnknownOrder)
                    : ExecutionReport.Expire(coid));
            }

            StatusAnswered();
            return;
        }

        var answer = ReadStatus(in r, slot);
        if (state == OrderState.PendingReplace && !probingReplacement && answer.Status == VenueStatus.Canceled)
        {
            // The old order is gone (its fills booked first): did the cancel-replace put a new one in (next generation)?
            Settle(slot, in answer, StatusStep.Probe);
            return;
        }

        if (probingReplacement)
        {
            StartLeg(slot, _track[slot].StatusGeneration);
            Report(ExecutionReport.ReplaceAck(coid));
        }
        else if (state == OrderState.PendingReplace)
        {
            // The old order still works: the cancel-replace never reached the venue.
            Report(ExecutionReport.ReplaceReject(coid, (ushort)BinanceRejectCode.NotConnected));
        }

        if (StateOf(slot) == OrderState.PendingNew && answer.Status != VenueStatus.Rejected)
        {
            Report(ExecutionReport.Ack(coid, answer.VenueOrderId));
        }

        Settle(slot, in answer, StatusStep.Apply);
    }

    /// <summary>
    /// Books the executed quantity of an order.status answer that the OMS has not seen, then takes <paramref name="next"/>.
    /// The trades themselves are asked for with myTrades when the venue order id is known (each booked with its own
    /// price, quantity and commission; the step waits for the answer); otherwise the quantity is one fill at the average.
    /// </summary>
    private void Settle(int slot, in StatusAnswer answer, StatusStep next)
    {
        if (MissingQuantity(slot, answer.Executed) > 0 && !_track[slot].ReconciledFill && TrySendTrades(slot, in answer, next))
        {
            return;
        }

        BookAverageFill(slot, in answer);
        Continue(slot, in answer, next);
    }

    /// <summary>What follows the fills of a status answer: the probe for a cancel-replace's new order, or the venue's final state.</summary>
    private void Continue(int slot, in StatusAnswer answer, StatusStep next)
    {
        if (next == StatusStep.Probe)
        {
            if (!TrySendStatus(slot, _track[slot].Generation + 1))
            {
                StatusAnswered();
            }

            return;
        }

        ApplyFinalState(slot, in answer);
        StatusAnswered();
    }

    private void ApplyFinalState(int slot, in StatusAnswer answer)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var coid = order.ClientOrderId;
        var state = order.State;
        if (OrderTransitions.IsTerminal(state))
        {
            return;
        }

        switch (answer.Status)
        {
            case VenueStatus.Canceled:
                Report(ExecutionReport.CancelAck(coid));
                break;
            case VenueStatus.Rejected:
                Report(state == OrderState.PendingNew ? ExecutionReport.Reject(coid, (ushort)BinanceRejectCode.VenueNewOrderRejected) : ExecutionReport.Expire(coid));
                break;
            case VenueStatus.Expired:
                Report(ExecutionReport.Expire(coid));
                break;
            case VenueStatus.New or VenueStatus.PartiallyFilled when state == OrderState.PendingCancel:
                // The cancel was lost with the connection: the order still works, ask again.
                if (!TrySendCancel(coid, order.Instrument))
                {
                    Report(ExecutionReport.CancelReject(coid, (ushort)NotSentCode()));
                }

                break;
        }
    }

    /// <summary>The fields of an order.status answer the reconciliation uses, as numbers at the order's instrument scales.</summary>
    private StatusAnswer ReadStatus(in BinanceResponse r, int slot)
    {
        var instrument = _registry[_engine.Orders[slot].Instrument];
        var status = r.OrderStatus;
        return new StatusAnswer
        {
            VenueOrderId = r.OrderId,
            Executed = FixedPoint.TryParse(r.ExecutedQuantity, instrument.SizeScale, out var executed) ? executed : -1,
            Quote = FixedPoint.TryParse(r.CumulativeQuote, instrument.PriceScale, out var quote) ? quote : -1,
            Status = status.SequenceEqual("NEW"u8) ? VenueStatus.New
                : status.SequenceEqual("PARTIALLY_FILLED"u8) ? VenueStatus.PartiallyFilled
                : status.SequenceEqual("FILLED"u8) ? VenueStatus.Filled
                : status.SequenceEqual("CANCELED"u8) ? VenueStatus.Canceled
                : status.SequenceEqual("REJECTED"u8) ? VenueStatus.Rejected
                : status.SequenceEqual("EXPIRED"u8) || status.SequenceEqual("EXPIRED_IN_MATCH"u8) ? VenueStatus.Expired
                : VenueStatus.Other,
        };
    }

    /// <summary>The venue's executed quantity of the current leg that the OMS has not booked (0 when none or unknown).</summary>
    private long MissingQuantity(int slot, long executed)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var missing = executed - (order.Filled.Raw - _track[slot].VenueBase);
        return executed >= 0 && missing > 0 && order.Filled.Raw + missing <= order.Quantity.Raw ? missing : 0;
    }

    /// <summary>
    /// Books the executed quantity of a status answer that the OMS still has not seen as one fill (fill id negative, so it
    /// never meets a Binance trade id; fee unknown, 0): the venue's quote total less what the OMS booked, over the missing quantity.
    /// </summary>
    private void BookAverageFill(int slot, in StatusAnswer answer)
    {
        var missing = MissingQuantity(slot, answer.Executed);
        if (missing <= 0)
        {
            return;
        }

        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        var price = order.Price.Raw;
        if (answer.Quote >= 0)
        {
            // Both at price × size scale.
            var venueNotional = (Int128)answer.Quote * (long)FixedPoint.Pow10(instrument.SizeScale);
            var average = (venueNotional - BookedNotionalOfGeneration(slot)) / missing;
            if (average > 0 && average < long.MaxValue)
            {
                price = (long)average;
            }
        }

        ReconciledFills++;
        _track[slot].ReconciledFill = true;
        Report(ExecutionReport.Fill(order.ClientOrderId, -(++_syntheticFills), new Price(price), new Quantity(missing), 0, Liquidity.Unknown));
    }

    /// <summary>Notional (price × size raw) the OMS booked for this order before the current generation started (0 without cancel-replaces).</summary>
    private Int128 BookedNotionalOfGeneration(int slot)
    {
        ref readonly var order = ref _engine.Orders[slot];
        if (_track[slot].VenueBase == 0 || order.Filled.Raw == 0)
        {
            return order.FilledNotional;
        }

        // Average price of the whole order applied to the part filled in this generation: exact enough for the rare reconciled replace.
        return order.FilledNotional * (order.Filled.Raw - _track[slot].VenueBase) / order.Filled.Raw;
    }

    private void StatusAnswered()
    {
        if (State == BinanceGatewayState.Reconciling)
        {
            _statusOutstanding--;
            FinishReconcileIfDone();
        }
    }
}
