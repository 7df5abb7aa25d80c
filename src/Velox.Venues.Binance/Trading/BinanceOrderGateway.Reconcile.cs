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
/// PendingCancel, PendingReplace) and books the difference as reports: executed quantity the OMS has not seen → one
/// fill (fill id negative, so it never meets a Binance trade id; price = the venue's cumulative quote minus what
/// the OMS booked, over the missing quantity; fee unknown, booked as 0), then the venue's final state (FILLED,
/// CANCELED → cancel ack, EXPIRED → expire, still open → ack, a PendingCancel's cancel sent again), and -2013
/// (the venue never saw it) → reject (PendingNew) or expire. While connected, an order pending longer than
/// <see cref="BinanceGatewayOptions.PendingQueryMillis"/> is asked about too (its answer was lost). A late
/// executionReport of a trade a reconciliation already booked is recognised by its cumulative quantity (z) and dropped.
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
            var id = new Velox.Core.Instruments.InstrumentId((ushort)i);
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

    /// <summary>An order.status answer: books what the OMS missed and the venue's state.</summary>
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

        var status = r.OrderStatus;
        var cancelled = status.SequenceEqual("CANCELED"u8);
        if (state == OrderState.PendingReplace && !probingReplacement && cancelled)
        {
            // The old order is gone (its fills booked first): did the cancel-replace put a new one in (next generation)?
            BookMissingFill(in r, coid, slot);
            if (!TrySendStatus(slot, _track[slot].Generation + 1))
            {
                StatusAnswered();
            }

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

        ApplyStatus(in r, coid, slot);
        StatusAnswered();
    }

    private void ApplyStatus(in BinanceResponse r, long coid, int slot)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var status = r.OrderStatus;
        var rejected = status.SequenceEqual("REJECTED"u8);
        if (order.State == OrderState.PendingNew && !rejected)
        {
            Report(ExecutionReport.Ack(coid, r.OrderId));
        }

        BookMissingFill(in r, coid, slot);
        var state = _engine.Orders[slot].State;
        if (OrderTransitions.IsTerminal(state))
        {
            return;
        }

        if (status.SequenceEqual("CANCELED"u8))
        {
            Report(ExecutionReport.CancelAck(coid));
        }
        else if (rejected)
        {
            Report(state == OrderState.PendingNew ? ExecutionReport.Reject(coid, (ushort)BinanceRejectCode.VenueNewOrderRejected) : ExecutionReport.Expire(coid));
        }
        else if (status.SequenceEqual("EXPIRED"u8) || status.SequenceEqual("EXPIRED_IN_MATCH"u8))
        {
            Report(ExecutionReport.Expire(coid));
        }
        else if (state == OrderState.PendingCancel && (status.SequenceEqual("NEW"u8) || status.SequenceEqual("PARTIALLY_FILLED"u8)))
        {
            // The cancel was lost with the connection: the order still works, ask again.
            if (!TrySendCancel(coid, order.Instrument))
            {
                Report(ExecutionReport.CancelReject(coid, (ushort)NotSentCode()));
            }
        }
    }

    /// <summary>Books the executed quantity of an order.status answer that the OMS has not seen as one fill.</summary>
    private void BookMissingFill(in BinanceResponse r, long coid, int slot)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        if (FixedPoint.TryParse(r.ExecutedQuantity, instrument.SizeScale, out var executed)
            && executed - (order.Filled.Raw - _track[slot].VenueBase) is var missing && missing > 0 && order.Filled.Raw + missing <= order.Quantity.Raw)
        {
            // The venue's quote total less what the OMS booked (both at price × size scale), over the missing quantity.
            var price = order.Price.Raw;
            if (FixedPoint.TryParse(r.CumulativeQuote, instrument.PriceScale, out var quote))
            {
                var venueNotional = (Int128)quote * (long)FixedPoint.Pow10(instrument.SizeScale);
                var average = (venueNotional - BookedNotionalOfGeneration(slot)) / missing;
                if (average > 0 && average < long.MaxValue)
                {
                    price = (long)average;
                }
            }

            ReconciledFills++;
            _track[slot].ReconciledFill = true;
            Report(ExecutionReport.Fill(coid, -(++_syntheticFills), new Price(price), new Quantity(missing), 0, Liquidity.Unknown));
        }
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
