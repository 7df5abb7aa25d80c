using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Velox.Core.Numerics;
using Velox.MarketData;
using Velox.Simulator.Faults;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// Channel 0: login ("auth" event), order inputs (on, oc, ou, oc_multi), the account streams they
/// cause (n, os/on/ou/oc, te/tu, ws/wu, ps) and the order-entry faults. The session is also the
/// <see cref="ISyntheticLiquidity"/> its account's orders trade against.
/// </summary>
public sealed partial class BitfinexSession
{
    /// <summary>Flag of a post-only order in "flags".</summary>
    public const int PostOnlyFlag = 4096;

    /// <summary>"dms" value asking to cancel the account's orders when the connection closes.</summary>
    public const int DeadManSwitchCancel = 4;

    private readonly MatchingEngine _engine;
    private readonly ExecutionOutbox _outbox;
    private readonly Random _orderEntryRandom;
    private readonly List<ExecutionEvent> _pendingTradeUpdates = [];
    private readonly List<ExecutionEvent> _multiCancel = [];
    private readonly List<SimOrderSnapshot> _openScratch = [];
    private int _account = -1;
    private bool _deadManSwitch;
    private bool _rejectNextOrder;
    private bool _loseNextAck;
    private bool _disconnectOnNextOrder;
    private long _nextAckDelayNanos;

    /// <summary>Engine index of the logged-in account, or -1.</summary>
    public int Account => _account;

    /// <summary>The transport ended: with the dead-man switch on, the account's orders are cancelled.</summary>
    public void OnClosed()
    {
        if (_shared is null)
        {
            OnClosedCore();
            return;
        }

        lock (_shared.Gate)
        {
            OnClosedCore();
            _shared.Unregister(this);
        }
    }

    private void OnClosedCore()
    {
        IsClosed = true;
        if (_account >= 0)
        {
            _engine.Detach(_account, _outbox, _deadManSwitch, Mts);
            _account = -1;
        }
    }

    /// <inheritdoc/>
    int ISyntheticLiquidity.Depth(int instrument, bool bids) => (bids ? _market[instrument].Bids : _market[instrument].Asks).Depth;

    /// <inheritdoc/>
    BookLevel ISyntheticLiquidity.Level(int instrument, bool bids, int index) => (bids ? _market[instrument].Bids : _market[instrument].Asks)[index];

    /// <inheritdoc/>
    void ISyntheticLiquidity.Consume(int instrument, bool bids, long size, long tradePrice, bool takerBuys, long mts)
    {
        if (_shared is not null)
        {
            _shared.Consume(instrument, bids, size, tradePrice, takerBuys, mts);
            return;
        }

        // Our order took (part of) the best synthetic level: the public feed shows the level shrink or
        // vanish and a trade, exactly as a generator trade would.
        _market.Consume(instrument, bids, size, tradePrice, takerBuys, mts, out var e);
        Render(e);
    }

    private static bool IsOrderInput(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b == (byte)'[';
            }
        }

        return false;
    }

    private static int ParseCidDate(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date.Year * 10_000) + (date.Month * 100) + date.Day
            : 0;

    private static bool TryParseFixed(string? text, int scale, out long raw)
    {
        raw = 0;
        return text is not null && FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out raw);
    }

    private static SimOrderType? OrderTypeOf(string? type) => type switch
    {
        "EXCHANGE LIMIT" => SimOrderType.Limit,
        "EXCHANGE MARKET" => SimOrderType.Market,
        "EXCHANGE IOC" => SimOrderType.ImmediateOrCancel,
        "EXCHANGE FOK" => SimOrderType.FillOrKill,
        _ => null,
    };

    private void OnAuth(ClientRequest request)
    {
        if (_account >= 0)
        {
            SendAuthFailed(BitfinexCodes.AuthFailed, "auth: dup");
            return;
        }

        var account = _engine.FindAccount(request.ApiKey ?? "");
        if (account < 0)
        {
            SendAuthFailed(BitfinexCodes.AuthFailed, "apikey: invalid");
            return;
        }

        var payload = Encoding.UTF8.GetBytes(request.AuthPayload ?? "");
        var expected = Convert.ToHexStringLower(HMACSHA384.HashData(_engine.Secret(account), payload));
        if (request.AuthSig is null || !string.Equals(expected, request.AuthSig, StringComparison.OrdinalIgnoreCase))
        {
            SendAuthFailed(BitfinexCodes.AuthFailed, "apikey: digest invalid");
            return;
        }

        var nonceText = request.AuthNonce ?? (request.AuthPayload is { } p && p.StartsWith("AUTH", StringComparison.Ordinal) ? p[4..] : null);
        if (!long.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce) || !_engine.TryAdvanceNonce(account, nonce))
        {
            SendAuthFailed(BitfinexCodes.NonceSmall, "nonce: small");
            return;
        }

        _account = account;
        _deadManSwitch = request.Dms == DeadManSwitchCancel;
        _engine.Attach(account, _outbox);
        SendAuthOk(_engine.Account(account).UserId);
        SendSnapshots();
        FlushExecutions();
    }

    private void OnOrderInput(ReadOnlySpan<byte> utf8)
    {
        if (!OrderInput.TryParse(utf8, out var input))
        {
            SendError(BitfinexCodes.UnknownEvent, "Unknown event");
            return;
        }

        if (_account < 0)
        {
            // Channel 0 does not exist before a login: the venue refuses inputs with an auth error event.
            SendError(BitfinexCodes.AuthFailed, "auth: invalid");
            return;
        }

        switch (input.Kind)
        {
            case "on":
                OnNewOrder(input);
                break;
            case "oc":
                if (input.Cid is { } cid)
                {
                    _engine.Cancel(_account, 0, cid, ParseCidDate(input.CidDate), Mts, _outbox);
                }
                else
                {
                    _engine.Cancel(_account, input.Id ?? 0, 0, 0, Mts, _outbox);
                }

                break;
            case "ou":
                OnUpdateOrder(input);
                break;
            case "oc_multi":
                if (input.Id is { } single)
                {
                    input.Ids.Add(single);
                }

                _engine.CancelMany(_account, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(input.Ids), input.All, Mts, _outbox);
                break;
            default:
                SendError(BitfinexCodes.UnknownEvent, "Unknown event");
                return;
        }

        FlushExecutions();
    }

    private void OnNewOrder(OrderInput input)
    {
        var instrument = input.Symbol is null ? -1 : _market.IndexOf(input.Symbol);
        var type = OrderTypeOf(input.Type);
        var rejected = new SimOrderSnapshot { Cid = input.Cid ?? 0, Account = _account, Instrument = instrument, Flags = input.Flags, Type = type ?? SimOrderType.Limit };
        if (instrument < 0 || type is null)
        {
            SendRequestError("on-req", rejected, instrument < 0 ? "symbol: invalid" : "type: invalid");
            return;
        }

        var spec = _market[instrument].Spec;
        if (!TryParseFixed(input.Amount, spec.SizeScale, out var amount) || amount == 0)
        {
            SendRequestError("on-req", rejected, "amount: invalid");
            return;
        }

        rejected.Amount = amount;
        rejected.AmountOrig = amount;
        long price = 0;
        if (type != SimOrderType.Market && (!TryParseFixed(input.Price, spec.PriceScale, out price) || price <= 0))
        {
            SendRequestError("on-req", rejected, "price: invalid");
            return;
        }

        rejected.Price = price;
        var request = new SimOrderRequest
        {
            Account = _account,
            Instrument = instrument,
            Cid = input.Cid ?? 0,
            Amount = amount,
            Price = price,
            Type = type.Value,
            Flags = input.Flags,
            PostOnly = (input.Flags & PostOnlyFlag) != 0,
        };

        if (_disconnectOnNextOrder)
        {
            _disconnectOnNextOrder = false;
            if (_orderEntryRandom.Next(2) == 0)
            {
                _outbox.BeginOwnRequest(0, dropAcks: false, suppress: true);
                _engine.Submit(request, this, Mts, _outbox);
                _outbox.EndOwnRequest();
            }

            IsClosed = true;
            _sink.Close(abrupt: true);
            return;
        }

        if (_rejectNextOrder)
        {
            _rejectNextOrder = false;
            MatchingEngine.Reject(SimRequestKind.New, SimRejectReason.Injected, rejected, Mts, _outbox);
            return;
        }

        _outbox.BeginOwnRequest(_nextAckDelayNanos > 0 ? _nowNanos + _nextAckDelayNanos : 0, _loseNextAck, suppress: false);
        _nextAckDelayNanos = 0;
        _loseNextAck = false;
        _engine.Submit(request, this, Mts, _outbox);
        _outbox.EndOwnRequest();
    }

    private void OnUpdateOrder(OrderInput input)
    {
        long price = 0, amount = 0, delta = 0;
        var id = input.Id ?? 0;
        var instrument = FindOpenInstrument(id);
        var rejected = new SimOrderSnapshot { Id = id, Account = _account, Instrument = -1 };
        if (instrument >= 0)
        {
            var spec = _market[instrument].Spec;
            if ((input.Price is not null && !TryParseFixed(input.Price, spec.PriceScale, out price))
                || (input.Amount is not null && !TryParseFixed(input.Amount, spec.SizeScale, out amount))
                || (input.Delta is not null && !TryParseFixed(input.Delta, spec.SizeScale, out delta)))
            {
                SendRequestError("ou-req", rejected, "Invalid order: price or amount invalid");
                return;
            }
        }

        _engine.Amend(_account, id, price, amount, delta, this, Mts, _outbox);
    }

    private int FindOpenInstrument(long orderId)
    {
        _openScratch.Clear();
        _engine.CopyOpenOrders(_account, _openScratch);
        foreach (var order in _openScratch)
        {
            if (order.Id == orderId)
            {
                return order.Instrument;
            }
        }

        return -1;
    }

    private void ArmOrderFault(in ScheduledFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.RejectOrder:
                _rejectNextOrder = true;
                break;
            case FaultKind.DelayAck:
                _nextAckDelayNanos = fault.StallMillis * 1_000_000L;
                break;
            case FaultKind.LoseAck:
                _loseNextAck = true;
                break;
            case FaultKind.DisconnectOnOrder:
                _disconnectOnNextOrder = true;
                break;
        }
    }

    private void FlushExecutions()
    {
        while (_outbox.TryTakeDue(_nowNanos, out var e))
        {
            WriteExecution(e);
        }

        // The venue sends "tu" (with the fee) after the order and wallet updates of the same fills.
        foreach (var fill in _pendingTradeUpdates)
        {
            SendFill(fill, "\"tu\""u8);
        }

        _pendingTradeUpdates.Clear();
    }

    private void WriteExecution(in ExecutionEvent e)
    {
        switch (e.Kind)
        {
            case ExecutionKind.Ack when e.Request == SimRequestKind.CancelMany:
                _multiCancel.Clear();
                for (var i = 0; i < e.Count && _outbox.TryTakeAny(out var closed); i++)
                {
                    _multiCancel.Add(closed);
                }

                SendMultiCancelNotification(e);
                foreach (var closed in _multiCancel)
                {
                    SendOrderFrame("\"oc\""u8, closed.Order);
                }

                break;
            case ExecutionKind.Ack:
                SendNotification(e);
                break;
            case ExecutionKind.OrderNew:
                SendOrderFrame("\"on\""u8, e.Order);
                break;
            case ExecutionKind.OrderUpdate:
                SendOrderFrame("\"ou\""u8, e.Order);
                break;
            case ExecutionKind.OrderClosed:
                SendOrderFrame("\"oc\""u8, e.Order);
                break;
            case ExecutionKind.Fill:
                SendFill(e, "\"te\""u8);
                _pendingTradeUpdates.Add(e);
                break;
            case ExecutionKind.Wallet:
                SendWalletUpdate(e);
                break;
        }
    }

    private void SendRequestError(string type, in SimOrderSnapshot order, string text)
    {
        BeginAccountFrame("\"n\""u8);
        WriteNotificationHead(type, order.MtsCreate == 0 ? Mts : order.MtsCreate);
        WriteOrder(order);
        _writer.Raw(",null,\"ERROR\","u8);
        _writer.Quoted(text);
        _writer.Raw("]]"u8);
        EndAccountFrame();
    }

    /// <summary>A queue of execution events per connection, filled under the engine's lock from any thread and drained by the session.</summary>
    private sealed class ExecutionOutbox : IExecutionSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(long DueNanos, ExecutionEvent Event)> _queue = new();
        private int _ownerThread = -1;
        private long _dueNanos;
        private bool _dropAcks;
        private bool _suppress;

        /// <summary>
        /// Until <see cref="EndOwnRequest"/>, events enqueued by this thread (the owner's request) are due at
        /// <paramref name="dueNanos"/>, lose their ack and "on" (<paramref name="dropAcks"/>) or vanish (<paramref name="suppress"/>).
        /// </summary>
        public void BeginOwnRequest(long dueNanos, bool dropAcks, bool suppress)
        {
            _dueNanos = dueNanos;
            _dropAcks = dropAcks;
            _suppress = suppress;
            Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);
        }

        public void EndOwnRequest() => Volatile.Write(ref _ownerThread, -1);

        public void Enqueue(in ExecutionEvent e)
        {
            if (Volatile.Read(ref _ownerThread) != Environment.CurrentManagedThreadId)
            {
                _queue.Enqueue((0, e));
                return;
            }

            if (_suppress || (_dropAcks && e.Kind is ExecutionKind.Ack or ExecutionKind.OrderNew))
            {
                return;
            }

            _queue.Enqueue((_dueNanos, e));
        }

        public bool TryTakeDue(long nowNanos, out ExecutionEvent e)
        {
            if (_queue.TryPeek(out var head) && head.DueNanos <= nowNanos && _queue.TryDequeue(out head))
            {
                e = head.Event;
                return true;
            }

            e = default;
            return false;
        }

        public bool TryTakeAny(out ExecutionEvent e)
        {
            var ok = _queue.TryDequeue(out var head);
            e = head.Event;
            return ok;
        }
    }
}
