using System.Text;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Net.WebSockets;
using Velox.Strategies.Execution;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Binance spot order entry on its own WebSocket API connection (<c>ws-api/v3</c>): subscribes the connection
/// to the account's user data stream (<c>userDataStream.subscribe.signature</c>), checks every order against the
/// symbol's exchangeInfo filters, sends signed <c>order.place</c> / <c>order.cancel</c> / <c>order.cancelReplace</c>
/// / <c>openOrders.cancelAll</c> requests, and turns responses and <c>executionReport</c> events into
/// <see cref="ExecutionReport"/>s for the <see cref="TradingEngine"/> (fill id = Binance trade id, so repeats
/// are dropped by the OMS). Engaging the kill switch sends a cancel-all for every Binance symbol.
/// Implements <see cref="IOrderGateway"/> so an OrderRouter can send through it. Single-threaded (the thread
/// that calls <see cref="DoWork"/>); the order and report paths allocate nothing.
/// </summary>
public sealed partial class BinanceOrderGateway : IOrderGateway, IDisposable
{
    private readonly TradingEngine _engine;
    private readonly InstrumentRegistry _registry;
    private readonly VenueCredentials _credentials;
    private readonly IWallClock _wallClock;
    private readonly BinanceGatewayOptions _options;
    private readonly byte[] _send;
    private readonly OrderTrack[] _track;
    private readonly long[] _reports = new long[Enum.GetValues<ExecType>().Length];
    private BinanceSymbolFilters?[] _filters = [];
    private ulong[] _base = [];
    private ulong[] _quote = [];
    private IBinanceTransport? _transport;
    private WebSocketConnection? _connection;
    private long _subscribeRequests;
    private bool _stopSent;
    private bool _cancelAllPending;

    public BinanceOrderGateway(
        TradingEngine engine, InstrumentRegistry registry, VenueCredentials credentials, IWallClock wallClock, BinanceGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(wallClock);
        _engine = engine;
        _registry = registry;
        _credentials = credentials;
        _wallClock = wallClock;
        _options = options ?? new BinanceGatewayOptions();
        _send = new byte[_options.SendBufferSize];
        _track = new OrderTrack[engine.Orders.Capacity];
        Balances = new BinanceBalances(_options.BalanceCapacity);
    }

    public BinanceGatewayState State { get; private set; }

    public bool IsLoopback { get; private set; }

    /// <summary>Always true: the gateway cannot be built without credentials (their values are never shown).</summary>
    public bool HasCredentials => true;

    /// <summary>Why the user data stream subscription failed (code and venue text; never the key or secret).</summary>
    public string? LastAuthError { get; private set; }

    /// <summary>Code and text of the last venue error that was not about a known order (cancel-all, unknown ids).</summary>
    public string? LastVenueError { get; private set; }

    /// <summary>The last report fed to the engine.</summary>
    public ExecutionReport LastReport { get; private set; }

    public ReportOutcome LastOutcome { get; private set; }

    /// <summary>Told of every report after the engine applied it (a strategy host); null: nobody.</summary>
    public IReportListener? ReportListener { get; set; }

    /// <summary>Balances from outboundAccountPosition.</summary>
    public BinanceBalances Balances { get; }

    public long OrdersSent { get; private set; }

    public long CancelsSent { get; private set; }

    public long AmendsSent { get; private set; }

    public long CancelAllsSent { get; private set; }

    /// <summary>Orders refused before sending because of an exchangeInfo filter.</summary>
    public long FilterRejects { get; private set; }

    /// <summary>Events and responses about orders that are not ours (other programs, the web UI) or no longer known.</summary>
    public long Unmatched { get; private set; }

    /// <summary>User data events other than executionReport and outboundAccountPosition (balanceUpdate, listStatus, ...).</summary>
    public long OtherEvents { get; private set; }

    /// <summary>Messages that did not parse.</summary>
    public long MalformedMessages { get; private set; }

    /// <summary>Fees in a third asset (e.g. BNB), raw at 8 decimals of that asset, not booked into orders.</summary>
    public long FeesNotBooked { get; private set; }

    /// <summary>Order-count usage from the last response's rateLimits (tightest ORDERS window) and its limit.</summary>
    public int OrdersCount { get; private set; }

    public int OrdersLimit { get; private set; }

    /// <summary>REQUEST_WEIGHT usage from the last response that carried it, and its limit.</summary>
    public int WeightCount { get; private set; }

    public int WeightLimit { get; private set; }

    /// <summary>Reports fed to the engine, per type.</summary>
    public long Reports(ExecType type) => _reports[(int)type];

    /// <summary>Installs exchangeInfo filters (see <see cref="BinanceExchangeInfo.Load"/>); orders of symbols without filters are refused.</summary>
    public void LoadFilters(BinanceSymbolFilters?[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        _filters = filters;
        _base = new ulong[filters.Length];
        _quote = new ulong[filters.Length];
        for (var i = 0; i < filters.Length; i++)
        {
            if (filters[i] is { } f)
            {
                BinanceBalances.Pack(Encoding.ASCII.GetBytes(f.BaseAsset), out _base[i]);
                BinanceBalances.Pack(Encoding.ASCII.GetBytes(f.QuoteAsset), out _quote[i]);
            }
        }
    }

    /// <summary>Connects to the WebSocket API (blocking; cold path) and subscribes to the user data stream.</summary>
    public void Connect(Uri uri, WebSocketClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _uri = uri;
        _socketOptions = options;
        _connection?.Dispose();
        _connection = null;
        _connection = WebSocketClient.Connect(uri, options);
        Attach(new WebSocketTransport(_connection), uri.IsLoopback);
    }

    /// <summary>Uses <paramref name="transport"/> for requests and sends the user data stream subscription.</summary>
    public bool Attach(IBinanceTransport transport, bool isLoopback)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        IsLoopback = isLoopback;
        State = BinanceGatewayState.Subscribing;
        if (!BinanceOrderEncoder.TryWriteSubscribe(
            _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, ++_subscribeRequests, NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            State = BinanceGatewayState.AuthFailed;
            LastAuthError = "user data stream subscription could not be sent";
            return false;
        }

        return true;
    }

    /// <summary>
    /// The connection ended: nothing more can be sent until <see cref="Connect"/> or <see cref="Attach"/> (or the
    /// automatic reconnect, see <see cref="EnableReconnect"/>). The orders in flight are reconciled once subscribed again.
    /// </summary>
    public void OnDisconnected()
    {
        if (State == BinanceGatewayState.Disconnected && _transport is null)
        {
            return;
        }

        State = BinanceGatewayState.Disconnected;
        _transport = null;
        _statusOutstanding = 0;
        DropTradeQueries();
        Disconnects++;
        ScheduleReconnect();
    }

    /// <summary>One turn: reads what the connection received, then applies the kill switch / HALT. Returns work done.</summary>
    public int DoWork()
    {
        var work = 0;
        if (_connection is { } connection)
        {
            var handler = new SocketHandler(this);
            work += connection.Poll(ref handler);
            if (connection.State is not WebSocketConnectionState.Open && State != BinanceGatewayState.Disconnected)
            {
                OnDisconnected();
            }
        }

        if (State == BinanceGatewayState.Disconnected)
        {
            work += TryReconnect();
        }
        else if (State == BinanceGatewayState.Ready)
        {
            work += QueryStalePending();
        }

        if (_tradesOutstanding > 0 && State != BinanceGatewayState.Disconnected)
        {
            work += ExpireTradeQueries();
        }

        return work + CheckStops();
    }

    /// <summary>Handles one message from the WebSocket API (responses and user data events).</summary>
    public void OnMessage(ReadOnlySpan<byte> message)
    {
        var handler = new Handler(this);
        if (!BinanceAccountParser.TryParse(message, ref handler))
        {
            MalformedMessages++;
        }

        CheckStops();
    }

    /// <summary>Risk-checks and places an order (engine), then sends it. Returns the engine's status.</summary>
    public SubmitStatus TrySubmit(in OrderRequest request, in MarketState market, out RiskRejectReason reason, out long clientOrderId)
    {
        CheckStops();
        var status = _engine.TrySubmit(request, market, out reason, out clientOrderId);
        if (status == SubmitStatus.Accepted && !TrySendNew(clientOrderId, request))
        {
            Report(ExecutionReport.Reject(clientOrderId, (ushort)NotSentCode()));
        }

        return status;
    }

    /// <summary>Cancels through the engine and sends the cancel.</summary>
    public CommandStatus TryCancel(long clientOrderId)
    {
        var status = _engine.TryCancel(clientOrderId);
        if (status == CommandStatus.Accepted && _engine.Orders.TryFind(clientOrderId, out var slot) && !TrySendCancel(clientOrderId, _engine.Orders[slot].Instrument))
        {
            Report(ExecutionReport.CancelReject(clientOrderId, (ushort)NotSentCode()));
        }

        return status;
    }

    /// <summary>Amends through the engine and sends an order.cancelReplace for the remaining quantity.</summary>
    public CommandStatus TryAmend(long clientOrderId, Price price, Quantity quantity)
    {
        var status = _engine.TryAmend(clientOrderId, price, quantity);
        if (status == CommandStatus.Accepted && !SendAmend(clientOrderId))
        {
            Report(ExecutionReport.ReplaceReject(clientOrderId, (ushort)NotSentCode()));
        }

        return status;
    }

    /// <summary>
    /// Sends an order the engine accepted. Returns false when it cannot go out now (not ready, buffer, socket):
    /// the caller books the reject. An order that breaks a filter or that Binance cannot express is rejected in
    /// the OMS here with its reason code and never sent; that returns true (the command is settled).
    /// </summary>
    public bool TrySendNew(long clientOrderId, in OrderRequest order)
    {
        if (!CanSend(out var transport))
        {
            return false;
        }

        var code = BinanceRejectCode.None;
        if (!IsBinance(order.Instrument, out var instrument))
        {
            code = BinanceRejectCode.UnknownInstrument;
        }
        else if (!BinanceOrderTypes.TryMap(order.Type, order.TimeInForce, out _, out _, out _))
        {
            code = BinanceRejectCode.UnsupportedOrder;
        }
        else if (order.Instrument.Value >= _filters.Length || _filters[order.Instrument.Value] is not { } filters)
        {
            code = BinanceRejectCode.NoFilters;
        }
        else
        {
            code = filters.Check(order.Type, order.Price.Raw, order.Quantity.Raw);
        }

        if (code != BinanceRejectCode.None)
        {
            if (code >= BinanceRejectCode.PriceBelowMin)
            {
                FilterRejects++;
            }

            Report(ExecutionReport.Reject(clientOrderId, (ushort)code));
            return true;
        }

        if (!BinanceOrderEncoder.TryWritePlace(
            _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, clientOrderId, instrument.SymbolUtf8.Span, order.Side, order.Type, order.TimeInForce,
            order.Price, instrument.PriceScale, order.Quantity, instrument.SizeScale, NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            return false;
        }

        if (_engine.Orders.TryFind(clientOrderId, out var slot))
        {
            _track[slot] = new OrderTrack { TouchedNanos = MonoNow() };
        }

        OrdersSent++;
        return true;
    }

    /// <summary>Sends order.cancel for the order's current venue id; false when it cannot go out now.</summary>
    public bool TrySendCancel(long clientOrderId, InstrumentId instrument)
    {
        // A cancel may go out while reconciling too (a cancel lost with the old connection is sent again).
        if (_transport is not { } transport || State is not (BinanceGatewayState.Ready or BinanceGatewayState.Reconciling)
            || !_engine.Orders.TryFind(clientOrderId, out var slot) || !IsBinance(instrument, out var inst)
            || !BinanceOrderEncoder.TryWriteCancel(
                _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, clientOrderId, _track[slot].Generation, inst.SymbolUtf8.Span,
                NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            return false;
        }

        _track[slot].TouchedNanos = MonoNow();
        CancelsSent++;
        return true;
    }

    /// <summary>Sends openOrders.cancelAll for one Binance symbol, or for every Binance symbol (<see cref="InstrumentId.None"/>).</summary>
    public bool TrySendCancelAll(InstrumentId instrument)
    {
        if (!CanSend(out var transport))
        {
            return false;
        }

        var all = true;
        var count = _registry.Count;
        for (var i = 0; i < count; i++)
        {
            var id = new InstrumentId((ushort)i);
            if ((!instrument.IsNone && id != instrument) || !IsBinance(id, out var inst))
            {
                continue;
            }

            if (BinanceOrderEncoder.TryWriteCancelAll(
                _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, i, inst.SymbolUtf8.Span, NowMillis(), _options.RecvWindowMillis, out var written)
                && transport.TrySend(_send.AsSpan(0, written)))
            {
                CancelAllsSent++;
            }
            else
            {
                all = false;
            }
        }

        return all;
    }

    /// <summary>Sends order.cancelReplace for an order in PendingReplace (new quantity = amended quantity − filled).</summary>
    public bool SendAmend(long clientOrderId)
    {
        if (!CanSend(out var transport) || !_engine.Orders.TryFind(clientOrderId, out var slot))
        {
            return false;
        }

        ref readonly var order = ref _engine.Orders[slot];
        if (!IsBinance(order.Instrument, out var instrument))
        {
            return false;
        }

        var leaves = new Quantity(order.PendingQuantity.Raw - order.Filled.Raw);
        if (order.Instrument.Value < _filters.Length && _filters[order.Instrument.Value] is { } filters
            && filters.Check(order.Type, order.PendingPrice.Raw, leaves.Raw) is var code && code != BinanceRejectCode.None)
        {
            FilterRejects++;
            Report(ExecutionReport.ReplaceReject(clientOrderId, (ushort)code));
            return true;
        }

        if (!BinanceOrderEncoder.TryWriteCancelReplace(
            _send, _credentials.ApiKeyUtf8.Span, _credentials.Secret, clientOrderId, _track[slot].Generation, instrument.SymbolUtf8.Span, order.Side, order.Type,
            order.TimeInForce, order.PendingPrice, instrument.PriceScale, leaves, instrument.SizeScale, NowMillis(), _options.RecvWindowMillis, out var written)
            || !transport.TrySend(_send.AsSpan(0, written)))
        {
            return false;
        }

        _track[slot].TouchedNanos = MonoNow();
        AmendsSent++;
        return true;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private int CheckStops()
    {
        var stop = _engine.KillSwitch.IsEngaged || _engine.Breakers.Mode == TradingMode.Halt;
        if (!stop)
        {
            _stopSent = false;
        }
        else if (!_stopSent)
        {
            _stopSent = true;
            _engine.EnforceStops();
            _cancelAllPending = true;
        }

        if (_cancelAllPending && State == BinanceGatewayState.Ready && TrySendCancelAll(InstrumentId.None))
        {
            _cancelAllPending = false;
            return 1;
        }

        return 0;
    }

    private bool CanSend(out IBinanceTransport transport)
    {
        transport = _transport!;
        return State == BinanceGatewayState.Ready && _transport is not null;
    }

    private bool IsBinance(InstrumentId id, out Instrument instrument)
    {
        instrument = null!;
        if (id.IsNone || id.Value >= _registry.Count)
        {
            return false;
        }

        instrument = _registry[id];
        return instrument.Venue == BinanceVenue.SpotName;
    }

    private BinanceRejectCode NotSentCode() => CanSend(out _) ? BinanceRejectCode.NotSent : BinanceRejectCode.NotConnected;

    private long NowMillis() => _wallClock.EpochNanos() / 1_000_000;

    private void Report(in ExecutionReport report)
    {
        _reports[(int)report.Type]++;
        LastReport = report;
        LastOutcome = _engine.OnReport(report);
        ReportListener?.OnReport(report, LastOutcome);
    }

    private OrderState StateOf(int slot) => _engine.Orders[slot].State;

    private void OnResponse(in BinanceResponse r)
    {
        if (r.OrdersLimit > 0)
        {
            OrdersCount = r.OrdersCount;
            OrdersLimit = r.OrdersLimit;
        }

        if (r.WeightLimit > 0)
        {
            WeightCount = r.WeightCount;
            WeightLimit = r.WeightLimit;
        }

        switch (r.RequestKind)
        {
            case BinanceOrderEncoder.KindSubscribe:
                if (r.IsSuccess)
                {
                    LastAuthError = null;
                    OnSubscribed();
                }
                else
                {
                    State = BinanceGatewayState.AuthFailed;
                    LastAuthError = $"Binance user data stream subscription refused: status {r.Status}, code {r.ErrorCode} ({Encoding.UTF8.GetString(r.ErrorMessage)})";
                }

                return;
            case BinanceOrderEncoder.KindCancelAll:
                if (!r.IsSuccess && r.ErrorCode != -2011)
                {
                    SetVenueError(r.ErrorCode, r.ErrorMessage);
                }

                return;
            case BinanceOrderEncoder.KindStatus:
                OnStatus(in r);
                return;
            case BinanceOrderEncoder.KindTrades:
                OnTrades(in r);
                return;
            case BinanceOrderEncoder.KindOpenOrders:
                OnOpenOrders(in r);
                return;
            case BinanceOrderEncoder.KindOrphanCancel:
                OnOrphanCancelled(in r);
                return;
        }

        var coid = r.RequestNumber;
        if (!_engine.Orders.TryFind(coid, out var slot))
        {
            Unmatched++;
            if (!r.IsSuccess)
            {
                SetVenueError(r.ErrorCode, r.ErrorMessage);
            }

            return;
        }

        var code = (ushort)BinanceRejectCodes.FromVenueError(r.ErrorCode, r.Status);
        var state = StateOf(slot);
        switch (r.RequestKind)
        {
            case BinanceOrderEncoder.KindPlace:
                if (state == OrderState.PendingNew)
                {
                    Report(r.IsSuccess ? ExecutionReport.Ack(coid, r.OrderId) : ExecutionReport.Reject(coid, code));
                }

                break;
            case BinanceOrderEncoder.KindCancel:
                // A successful cancel is confirmed by the CANCELED executionReport.
                if (!r.IsSuccess && state == OrderState.PendingCancel)
                {
                    Report(ExecutionReport.CancelReject(coid, code));
                }

                break;
            case BinanceOrderEncoder.KindReplace:
                var legCancelled = _track[slot].LegCancelled;
                _track[slot].LegCancelled = false;
                if (r.IsSuccess)
                {
                    // Not PendingReplace any more: the new leg's NEW came first and started it (or the order ended).
                    if (state == OrderState.PendingReplace)
                    {
                        StartLeg(slot, _track[slot].Generation + 1);
                        Report(ExecutionReport.ReplaceAck(coid));
                    }
                }
                else if (state == OrderState.PendingReplace)
                {
                    Report(ExecutionReport.ReplaceReject(coid, code));
                    if (legCancelled)
                    {
                        // -2021: the cancel went through but the new order did not (or the order was cancelled meanwhile): it is gone.
                        Report(ExecutionReport.CancelAck(coid));
                    }
                }

                break;
            default:
                Unmatched++;
                break;
        }
    }

    private void OnExecution(in BinanceExecution e)
    {
        var isCancel = e.ExecutionType.SequenceEqual("CANCELED"u8);
        var id = isCancel && !e.OriginalClientOrderId.IsEmpty ? e.OriginalClientOrderId : e.ClientOrderId;
        if (!BinanceClientIds.TryParse(id, out var coid, out var generation) || !_engine.Orders.TryFind(coid, out var slot))
        {
            Unmatched++;
            return;
        }

        var current = _track[slot].Generation;
        var state = StateOf(slot);
        if (e.ExecutionType.SequenceEqual("TRADE"u8))
        {
            OnTrade(in e, coid, slot, generation == current);
            return;
        }

        if (generation < current)
        {
            // The cancelled leg of a cancel-replace: the order lives on as the newer generation.
            return;
        }

        if (e.ExecutionType.SequenceEqual("NEW"u8))
        {
            if (generation == current && state == OrderState.PendingNew)
            {
                Report(ExecutionReport.Ack(coid, e.OrderId));
            }
            else if (generation == current + 1 && state == OrderState.PendingReplace)
            {
                // The replacing order's NEW overtook the cancelReplace response.
                StartLeg(slot, generation);
                Report(ExecutionReport.ReplaceAck(coid));
            }
        }
        else if (isCancel)
        {
            if (generation == current && state == OrderState.PendingReplace)
            {
                // Usually the cancel half of our cancelReplace: its response decides whether the order lives on.
                _track[slot].LegCancelled = true;
            }
            else if (generation == current && !OrderTransitions.IsTerminal(state))
            {
                // Terminal: e.g. an orphan the OMS had booked rejected, cancelled after a reconnect.
                Report(ExecutionReport.CancelAck(coid));
            }
        }
        else if (e.ExecutionType.SequenceEqual("EXPIRED"u8))
        {
            Report(ExecutionReport.Expire(coid));
        }
        else if (e.ExecutionType.SequenceEqual("REJECTED"u8))
        {
            if (state == OrderState.PendingNew)
            {
                Report(ExecutionReport.Reject(coid, (ushort)BinanceRejectCode.VenueNewOrderRejected));
            }
        }
        else if (e.ExecutionType.SequenceEqual("REPLACED"u8))
        {
            if (state == OrderState.PendingReplace)
            {
                Report(ExecutionReport.ReplaceAck(coid));
            }
        }
    }

    private void OnTrade(in BinanceExecution e, long coid, int slot, bool currentGeneration)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        if (e.TradeId < 0 || !FixedPoint.TryParse(e.LastQuantity, instrument.SizeScale, out var tradeQuantity)
            || !FixedPoint.TryParse(e.LastPrice, instrument.PriceScale, out var price))
        {
            MalformedMessages++;
            return;
        }

        var quantity = tradeQuantity;

        // z (the order's cumulative executed quantity) says how much of this trade a reconciliation already booked.
        if (currentGeneration && _track[slot].ReconciledFill && FixedPoint.TryParse(e.CumulativeQuantity, instrument.SizeScale, out var cumulative)
            && cumulative - quantity < order.Filled.Raw - _track[slot].VenueBase)
        {
            var booked = order.Filled.Raw - _track[slot].VenueBase - (cumulative - quantity);
            if (booked >= quantity)
            {
                TradesAlreadyReconciled++;
                return;
            }

            quantity -= booked;
        }

        var fee = FeeOf(order.Instrument.Value, e.Commission, e.CommissionAsset, price, instrument.PriceScale);
        if (quantity != tradeQuantity)
        {
            fee = (long)((Int128)fee * quantity / tradeQuantity);
        }

        if (order.State == OrderState.PendingNew)
        {
            // The fill is the first news of the order (its response is late): ack it with the venue id.
            Report(ExecutionReport.Ack(coid, e.OrderId));
        }

        Report(ExecutionReport.Fill(coid, e.TradeId, new Price(price), new Quantity(quantity), fee, e.Maker ? Liquidity.Maker : Liquidity.Taker));
        if (LastOutcome == ReportOutcome.DuplicateFill)
        {
            // Booked already with its trade id by a reconciliation's myTrades.
            TradesAlreadyReconciled++;
        }
    }

    /// <summary>
    /// A trade's commission as the OMS books fees (quote at <see cref="ExecutionReport.FeeScale"/>): in the quote asset as it is,
    /// in the base asset valued at the trade <paramref name="price"/>; in a third asset (e.g. BNB) not booked but added to <see cref="FeesNotBooked"/>.
    /// </summary>
    private long FeeOf(int instrument, ReadOnlySpan<byte> commissionText, ReadOnlySpan<byte> assetText, long price, int priceScale)
    {
        if (commissionText.IsEmpty || !FixedPoint.TryParse(commissionText, ExecutionReport.FeeScale, out var commission) || commission == 0)
        {
            return 0;
        }

        if (BinanceBalances.Pack(assetText, out var asset) && instrument < _quote.Length && asset == _quote[instrument])
        {
            return commission;
        }

        if (instrument < _base.Length && asset == _base[instrument] && asset != 0)
        {
            return (long)((Int128)commission * price / (long)FixedPoint.Pow10(priceScale));
        }

        FeesNotBooked += commission;
        return 0;
    }

    private void SetVenueError(int code, ReadOnlySpan<byte> message) =>
        LastVenueError = $"Binance error {code}: {Encoding.UTF8.GetString(message)}";

    private readonly struct Handler : IBinanceAccountHandler
    {
        private readonly BinanceOrderGateway _owner;

        public Handler(BinanceOrderGateway owner) => _owner = owner;

        public void OnResponse(in BinanceResponse response) => _owner.OnResponse(in response);

        public void OnExecution(in BinanceExecution execution) => _owner.OnExecution(in execution);

        public void OnBalance(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked) => _owner.Balances.Apply(asset, free, locked);

        public void OnOtherEvent(ReadOnlySpan<byte> eventType) => _owner.OtherEvents++;
    }

    private readonly struct SocketHandler : IWebSocketHandler
    {
        private readonly BinanceOrderGateway _owner;

        public SocketHandler(BinanceOrderGateway owner) => _owner = owner;

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => _owner.OnMessage(payload);

        public void OnClose(int closeStatus, ReadOnlySpan<byte> reason) => _owner.OnDisconnected();
    }

    /// <summary>The order's next leg (a cancel-replace's new order) is at the venue: commands name it from now on.</summary>
    private void StartLeg(int slot, int generation)
    {
        ref var track = ref _track[slot];
        track.Generation = generation;
        track.VenueBase = _engine.Orders[slot].Filled.Raw;
        track.LegCancelled = false;
    }

    /// <summary>What the gateway keeps about the order in one OMS slot (reset when an order is placed in it).</summary>
    private struct OrderTrack
    {
        /// <summary>The order's current leg at the venue (the client order id's suffix; each cancel-replace starts the next).</summary>
        public int Generation;

        /// <summary>The leg the last order.status asked about (Generation + 1: did a cancel-replace put its new order in?).</summary>
        public int StatusGeneration;

        /// <summary>What the OMS had filled when the current leg started (the venue's executed quantity counts from there).</summary>
        public long VenueBase;

        /// <summary>When the gateway last sent something about the order (a command or a status query), monotonic ns.</summary>
        public long TouchedNanos;

        /// <summary>The current leg's CANCELED event came while its cancel-replace was unanswered.</summary>
        public bool LegCancelled;

        /// <summary>A reconciliation booked a fill of the order at the average price (later trade events are checked against their cumulative quantity).</summary>
        public bool ReconciledFill;

        /// <summary>Not None: a status answer waits for the order's myTrades answer, then takes this step.</summary>
        public StatusStep Awaiting;

        /// <summary>The status answer that waits (see <see cref="Awaiting"/>).</summary>
        public StatusAnswer Answer;

        /// <summary>When the myTrades request went out, monotonic ns.</summary>
        public long TradesSentNanos;
    }
}
