using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Outbound;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Bitfinex order entry on the authenticated WebSocket, sharing the market-data connection (attach it to
/// the connector's session): authenticates on every connection, sends the orders the
/// <see cref="TradingEngine"/> accepted as <c>on</c>/<c>oc</c>/<c>ou</c>/<c>oc_multi</c> frames through the
/// session's outbound queue, and turns channel-0 messages into <see cref="ExecutionReport"/>s for
/// <see cref="TradingEngine.OnReport"/>. Orders are matched to reports by venue order id, else by cid
/// (see <see cref="BitfinexClientIds"/>). After each auth the <c>os</c> snapshot is reconciled with the OMS
/// before orders are sent, asking the REST API about orders that traded or closed while the connection was down. Engaging the kill switch sends one cancel-all. Single-threaded (the connector's
/// thread); the order and report paths allocate nothing.
/// </summary>
public sealed partial class BitfinexOrderGateway : IBitfinexAccountChannel
{
    private readonly TradingEngine _engine;
    private readonly InstrumentRegistry _registry;
    private readonly VenueCredentials _credentials;
    private readonly BitfinexNonce _nonce;
    private readonly IWallClock _wallClock;
    private readonly BitfinexGatewayOptions _options;
    private readonly long _session;
    private readonly RecentIdMap _byVenueId;
    private readonly RecentIdMap _feeAccounted;
    private readonly int[] _cidDate;
    private readonly int[] _snapshotEpochOf;
    private readonly int[] _shortEpochOf;
    private readonly ulong[] _baseCurrency;
    private readonly ulong[] _quoteCurrency;
    private readonly long[] _unknownOrders;
    private readonly long[] _reports = new long[Enum.GetValues<ExecType>().Length];
    private OutboundQueue? _outbound;
    private int _snapshotEpoch;
    private long _lastAuthSequence = -1;
    private bool _stopSent;
    private bool _cancelAllPending;

    public BitfinexOrderGateway(
        TradingEngine engine, InstrumentRegistry registry, ClientOrderIdSource ids, VenueCredentials credentials,
        BitfinexNonce nonce, IWallClock wallClock, BitfinexGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(ids);
        _engine = engine;
        _registry = registry;
        _credentials = credentials;
        _nonce = nonce;
        _wallClock = wallClock;
        _options = options ?? new BitfinexGatewayOptions();
        _session = ids.Session;
        _byVenueId = new RecentIdMap(_options.VenueIdHistory);
        _feeAccounted = new RecentIdMap(_options.VenueIdHistory);
        _cidDate = new int[engine.Orders.Capacity];
        _snapshotEpochOf = new int[engine.Orders.Capacity];
        _shortEpochOf = new int[engine.Orders.Capacity];
        _baseCurrency = new ulong[_options.MaxInstruments];
        _quoteCurrency = new ulong[_options.MaxInstruments];
        _unknownOrders = new long[_options.UnknownOrderHistory];
        Wallets = new BitfinexWallets(_options.WalletCapacity);
    }

    public BitfinexGatewayState State { get; private set; }

    /// <summary>Why the last auth failed (code and meaning; never the key or secret).</summary>
    public string? LastAuthError { get; private set; }

    /// <summary>Text of the last venue error notification that was not about a known order.</summary>
    public string? LastVenueError { get; private set; }

    /// <summary>The last report fed to the engine.</summary>
    public ExecutionReport LastReport { get; private set; }

    /// <summary>Outcome of the last report.</summary>
    public ReportOutcome LastOutcome { get; private set; }

    /// <summary>Optional: told about every report after the engine applied it; set before the first connection.</summary>
    public IReportListener? ReportListener { get; set; }

    /// <summary>Balances from the wallet streams.</summary>
    public BitfinexWallets Wallets { get; }

    public long AuthSuccesses { get; private set; }

    public long AuthFailures { get; private set; }

    public long OrdersSent { get; private set; }

    public long CancelsSent { get; private set; }

    public long AmendsSent { get; private set; }

    public long CancelAllsSent { get; private set; }

    /// <summary>Orders in an <c>os</c> snapshot or order stream that the OMS does not know (placed elsewhere).</summary>
    public long UnknownOrders { get; private set; }

    /// <summary>Trades, notifications or updates that could not be matched to an order of ours.</summary>
    public long Unmatched { get; private set; }

    /// <summary>Account frames that did not parse.</summary>
    public long MalformedFrames { get; private set; }

    /// <summary>Breaks in the account sequence number (SEQ_ALL's second trailing number).</summary>
    public long AuthSequenceGaps { get; private set; }

    /// <summary>Fees (fee scale, quote currency) from a tu that came after its te was booked, or in a third currency.</summary>
    public long FeesNotBooked { get; private set; }

    public long Heartbeats { get; private set; }

    /// <summary>Reports fed to the engine, per type.</summary>
    public long Reports(ExecType type) => _reports[(int)type];

    /// <summary>Venue ids of the first unknown orders seen (up to the configured history).</summary>
    public ReadOnlySpan<long> UnknownOrderIds => _unknownOrders.AsSpan(0, (int)Math.Min(UnknownOrders, _unknownOrders.Length));

    /// <summary>Routes the session's account channel here; call before the connector's first DoWork.</summary>
    public void Attach(BitfinexMarketDataSession session)
    {
        session.AccountChannel = this;
        _outbound = session.Outbound;
    }

    /// <summary>Risk-checks and places an order (engine), then sends it. Returns the engine's status.</summary>
    public SubmitStatus TrySubmit(in OrderRequest request, in MarketState market, out RiskRejectReason reason, out long clientOrderId)
    {
        CheckStops();
        var status = _engine.TrySubmit(request, market, out reason, out clientOrderId);
        if (status == SubmitStatus.Accepted)
        {
            SendNew(clientOrderId);
        }

        return status;
    }

    /// <summary>Cancels through the engine and sends the cancel.</summary>
    public CommandStatus TryCancel(long clientOrderId)
    {
        var status = _engine.TryCancel(clientOrderId);
        if (status == CommandStatus.Accepted)
        {
            SendCancel(clientOrderId);
        }

        return status;
    }

    /// <summary>Amends through the engine and sends the update.</summary>
    public CommandStatus TryAmend(long clientOrderId, Price price, Quantity quantity)
    {
        var status = _engine.TryAmend(clientOrderId, price, quantity);
        if (status == CommandStatus.Accepted)
        {
            SendAmend(clientOrderId);
        }

        return status;
    }

    /// <summary>
    /// Sends an order the engine accepted (state PendingNew). When it cannot be sent (not ready, no such
    /// Bitfinex order type, queue full) the order is rejected in the OMS at once with the reason code.
    /// </summary>
    public bool SendNew(long clientOrderId)
    {
        if (!_engine.Orders.TryFind(clientOrderId, out var slot))
        {
            return false;
        }

        ref readonly var order = ref _engine.Orders[slot];
        var code = BitfinexRejectCode.None;
        if (State != BitfinexGatewayState.Ready || _outbound is null)
        {
            code = BitfinexRejectCode.NotAuthenticated;
        }
        else if (!IsBitfinex(order.Instrument, out var instrument))
        {
            code = BitfinexRejectCode.UnknownInstrument;
        }
        else if (!BitfinexOrderTypes.TryMap(order.Type, order.TimeInForce, order.Flags, out _, out _, out _))
        {
            code = BitfinexRejectCode.UnsupportedOrder;
        }
        else
        {
            var destination = _outbound.BeginWrite();
            if (!BitfinexOrderEncoder.TryWriteNew(
                destination, BitfinexClientIds.ToCid(clientOrderId), instrument.SymbolUtf8.Span, order.Type, order.TimeInForce, order.Flags,
                order.Side, order.Price, instrument.PriceScale, order.Quantity, instrument.SizeScale, out var written))
            {
                code = BitfinexRejectCode.NotSent;
            }
            else
            {
                _outbound.Commit(written);
                _cidDate[slot] = BitfinexOrderEncoder.UtcDate(_wallClock.EpochNanos());
                OrdersSent++;
                return true;
            }
        }

        Report(ExecutionReport.Reject(clientOrderId, (ushort)code));
        return false;
    }

    /// <summary>Sends the cancel of an order in PendingCancel (by venue id, or by cid + cid_date before the ack).</summary>
    public bool SendCancel(long clientOrderId)
    {
        if (!_engine.Orders.TryFind(clientOrderId, out var slot) || !CanSend(out var outbound))
        {
            Report(ExecutionReport.CancelReject(clientOrderId, (ushort)BitfinexRejectCode.NotAuthenticated));
            return false;
        }

        ref readonly var order = ref _engine.Orders[slot];
        var destination = outbound.BeginWrite();
        var ok = order.VenueOrderId != 0
            ? BitfinexOrderEncoder.TryWriteCancel(destination, order.VenueOrderId, out var written)
            : BitfinexOrderEncoder.TryWriteCancelByCid(destination, BitfinexClientIds.ToCid(clientOrderId), _cidDate[slot], out written);
        if (!ok)
        {
            Report(ExecutionReport.CancelReject(clientOrderId, (ushort)BitfinexRejectCode.NotSent));
            return false;
        }

        outbound.Commit(written);
        CancelsSent++;
        return true;
    }

    /// <summary>
    /// Sends the amend of an order in PendingReplace: the new price, and the size change as a delta (new quantity −
    /// current quantity), so a fill the venue made before the amend arrived is not put back to work.
    /// </summary>
    public bool SendAmend(long clientOrderId)
    {
        if (!_engine.Orders.TryFind(clientOrderId, out var slot) || !CanSend(out var outbound))
        {
            Report(ExecutionReport.ReplaceReject(clientOrderId, (ushort)BitfinexRejectCode.NotAuthenticated));
            return false;
        }

        ref readonly var order = ref _engine.Orders[slot];
        if (!IsBitfinex(order.Instrument, out var instrument))
        {
            Report(ExecutionReport.ReplaceReject(clientOrderId, (ushort)BitfinexRejectCode.UnknownInstrument));
            return false;
        }

        var change = order.PendingQuantity.Raw - order.Quantity.Raw;
        var delta = order.Side == Side.Bid ? change : -change;
        var destination = outbound.BeginWrite();
        var ok = order.VenueOrderId != 0
            ? BitfinexOrderEncoder.TryWriteAmend(destination, order.VenueOrderId, order.PendingPrice, instrument.PriceScale, delta, instrument.SizeScale, out var written)
            : BitfinexOrderEncoder.TryWriteAmendByCid(
                destination, BitfinexClientIds.ToCid(clientOrderId), _cidDate[slot], order.PendingPrice, instrument.PriceScale, delta, instrument.SizeScale, out written);
        if (!ok)
        {
            Report(ExecutionReport.ReplaceReject(clientOrderId, (ushort)BitfinexRejectCode.NotSent));
            return false;
        }

        outbound.Commit(written);
        AmendsSent++;
        return true;
    }

    /// <summary>Sends <c>oc_multi {"all":1}</c> (every order of the account); deferred until ready when not connected.</summary>
    public bool SendCancelAll()
    {
        if (!CanSend(out var outbound) || !BitfinexOrderEncoder.TryWriteCancelAll(outbound.BeginWrite(), out var written))
        {
            _cancelAllPending = true;
            return false;
        }

        outbound.Commit(written);
        _cancelAllPending = false;
        CancelAllsSent++;
        return true;
    }

    /// <summary>Housekeeping turn: applies a finished REST reconciliation and the kill switch / HALT (one cancel-all per engagement). Returns work done.</summary>
    public int DoWork() => Poll() + CheckStops();

    void IBitfinexAccountChannel.OnConnected(OutboundQueue outbound)
    {
        _outbound = outbound;
        _lastAuthSequence = -1;
        long nonce;
        try
        {
            nonce = _nonce.Next();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            State = BitfinexGatewayState.AuthFailed;
            LastAuthError = $"Bitfinex auth not sent: nonce: {e.Message}";
            return;
        }

        var destination = outbound.BeginWrite();
        if (!BitfinexAuth.TryWriteAuthRequest(destination, _credentials.ApiKeyUtf8.Span, _credentials.Secret, nonce, _options.DeadManSwitch, out var written))
        {
            State = BitfinexGatewayState.AuthFailed;
            LastAuthError = "auth request does not fit the outbound slot (raise OutboundSlotSize)";
            return;
        }

        outbound.Commit(written);
        State = BitfinexGatewayState.Authenticating;
    }

    void IBitfinexAccountChannel.OnDisconnected()
    {
        State = BitfinexGatewayState.Disconnected;
        AbandonReconciliation();
    }

    int IBitfinexAccountChannel.Poll() => Poll();

    void IBitfinexAccountChannel.OnAuthEvent(in BitfinexEvent authEvent)
    {
        if (authEvent.StatusOk)
        {
            AuthSuccesses++;
            LastAuthError = null;
            State = BitfinexGatewayState.Reconciling;
            return;
        }

        AuthFailures++;
        State = BitfinexGatewayState.AuthFailed;
        LastAuthError = DescribeAuthFailure(authEvent.Code, authEvent.Message);
    }

    void IBitfinexAccountChannel.OnAccountFrame(in AccountFrame frame, long receiveNanos)
    {
        if (frame.TrailingCount >= 2)
        {
            var sequence = frame.Trailing1;
            if (_lastAuthSequence >= 0 && sequence != _lastAuthSequence + 1)
            {
                AuthSequenceGaps++;
            }

            _lastAuthSequence = sequence;
        }

        if (frame.Kind == AccountMessageKind.Heartbeat)
        {
            Heartbeats++;
            return;
        }

        var handler = new Handler(this);
        if (!BitfinexAccountParser.TryDispatch(in frame, ref handler, out _))
        {
            MalformedFrames++;
        }

        CheckStops();
    }

    /// <summary>Maps an auth failure code to a message (docs.bitfinex.com "Abbreviation Glossary", error codes).</summary>
    public static string DescribeAuthFailure(long code, ReadOnlySpan<byte> serverText)
    {
        var meaning = code switch
        {
            10100 => "authentication failed (wrong key or secret, or key disabled)",
            10101 => "already authenticated on this connection",
            10111 => "error in the authentication payload",
            10112 => "authentication signature refused (wrong secret?)",
            10113 => "authentication HMAC refused",
            10114 => "nonce too small: another client used a higher nonce with this key (check the nonce state file and the clock)",
            _ => "authentication refused",
        };
        var text = serverText.IsEmpty ? string.Empty : $" (server: {System.Text.Encoding.UTF8.GetString(serverText)})";
        return code >= 0 ? $"Bitfinex auth failed: code {code}, {meaning}{text}" : $"Bitfinex auth failed: {meaning}{text}";
    }

    private int CheckStops()
    {
        var stop = _engine.KillSwitch.IsEngaged || _engine.Breakers.Mode == TradingMode.Halt;
        if (!stop)
        {
            _stopSent = false;
            return _cancelAllPending && State == BitfinexGatewayState.Ready && SendCancelAll() ? 1 : 0;
        }

        if (_stopSent)
        {
            return _cancelAllPending && State == BitfinexGatewayState.Ready && SendCancelAll() ? 1 : 0;
        }

        _stopSent = true;
        _engine.EnforceStops();
        SendCancelAll();
        return 1;
    }

    private bool CanSend(out OutboundQueue outbound)
    {
        outbound = _outbound!;
        return State == BitfinexGatewayState.Ready && _outbound is not null;
    }

    private bool IsBitfinex(InstrumentId id, out Instrument instrument)
    {
        instrument = null!;
        if (id.IsNone || id.Value >= _registry.Count || id.Value >= _baseCurrency.Length)
        {
            return false;
        }

        instrument = _registry[id];
        return instrument.Venue == BitfinexVenue.Name;
    }

    private void Report(in ExecutionReport report)
    {
        _reports[(int)report.Type]++;
        LastReport = report;
        LastOutcome = _engine.OnReport(report);
        ReportListener?.OnReport(report, LastOutcome);
    }

    /// <summary>Finds our order by venue id, else by cid; remembers the venue id for later trades.</summary>
    private bool TryResolve(long venueOrderId, long cid, out int slot)
    {
        var orders = _engine.Orders;
        if (venueOrderId != 0 && _byVenueId.TryGetValue(venueOrderId, out slot) && orders[slot].VenueOrderId == venueOrderId)
        {
            return true;
        }

        // A cid names our order only if the venue id agrees (cids repeat across days and after 32 sessions).
        if (BitfinexClientIds.TryToClientOrderId(cid, _session, out var clientOrderId) && orders.TryFind(clientOrderId, out slot)
            && (venueOrderId == 0 || orders[slot].VenueOrderId == 0 || orders[slot].VenueOrderId == venueOrderId))
        {
            if (venueOrderId != 0)
            {
                _byVenueId.Set(venueOrderId, slot);
            }

            return true;
        }

        slot = -1;
        return false;
    }

    private void OnNotification(in BitfinexNotification n)
    {
        var type = n.Type;
        var isNew = type.SequenceEqual("on-req"u8);
        var isCancel = type.SequenceEqual("oc-req"u8);
        var isUpdate = type.SequenceEqual("ou-req"u8);
        if (!isNew && !isCancel && !isUpdate)
        {
            if (type.SequenceEqual("oc_multi-req"u8) && !n.IsSuccess)
            {
                SetVenueError(n.Text);
            }

            return;
        }

        if (!n.HasOrder || !TryResolve(n.Order.Id, n.Order.Cid, out var slot))
        {
            Unmatched++;
            if (!n.IsSuccess)
            {
                SetVenueError(n.Text);
            }

            return;
        }

        var clientOrderId = _engine.Orders[slot].ClientOrderId;
        var code = n.IsSuccess ? (ushort)0 : (ushort)BitfinexAccountParser.ClassifyError(n.Text);
        if (isNew)
        {
            Report(n.IsSuccess ? ExecutionReport.Ack(clientOrderId, n.Order.Id) : ExecutionReport.Reject(clientOrderId, code));
        }
        else if (isCancel)
        {
            // A successful cancel is confirmed by the oc stream message that follows.
            if (!n.IsSuccess)
            {
                Report(ExecutionReport.CancelReject(clientOrderId, code));
            }
        }
        else if (!n.IsSuccess)
        {
            Report(ExecutionReport.ReplaceReject(clientOrderId, code));
        }
        else
        {
            Report(ReplaceAck(slot, n.Order));
        }
    }

    /// <summary>
    /// The amend's ack with the order as the venue now has it: its price, and its size as the venue counts it
    /// (AMOUNT_ORIG), which includes fills whose reports have not arrived yet (with fills taken from <c>tu</c>, the
    /// notification can come first). Without AMOUNT_ORIG: filled + the amount still working; without readable numbers
    /// the OMS takes the amend's own.
    /// </summary>
    private ExecutionReport ReplaceAck(int slot, in BitfinexOrder venueOrder)
    {
        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        var price = TryParseAmount(venueOrder.Price, instrument.PriceScale, out var p) && p > 0 ? new Price(p) : default;
        var quantity = TryParseAmount(venueOrder.AmountOriginal, instrument.SizeScale, out var total) && total != 0
            ? new Quantity(Math.Abs(total))
            : TryParseAmount(venueOrder.Amount, instrument.SizeScale, out var working) && working != 0
                ? new Quantity(order.Filled.Raw + Math.Abs(working))
                : default;
        return ExecutionReport.ReplaceAck(order.ClientOrderId, price, quantity);
    }

    private void OnOrder(AccountMessageKind kind, in BitfinexOrder order)
    {
        if (!TryResolve(order.Id, order.Cid, out var slot))
        {
            if (kind != AccountMessageKind.OrderClose)
            {
                if (UnknownOrders < _unknownOrders.Length)
                {
                    _unknownOrders[UnknownOrders] = order.Id;
                }

                UnknownOrders++;
            }
            else
            {
                Unmatched++;
            }

            return;
        }

        var clientOrderId = _engine.Orders[slot].ClientOrderId;
        switch (kind)
        {
            case AccountMessageKind.OrderSnapshot:
                _snapshotEpochOf[slot] = _snapshotEpoch + 1;
                if (_engine.Orders[slot].State == OrderState.PendingNew)
                {
                    Report(ExecutionReport.Ack(clientOrderId, order.Id));
                }

                if (LeftLessThanExpected(slot, order.Amount))
                {
                    _shortEpochOf[slot] = _snapshotEpoch + 1;
                }

                break;
            case AccountMessageKind.OrderNew:
                Report(ExecutionReport.Ack(clientOrderId, order.Id));
                break;
            case AccountMessageKind.OrderClose:
                OnClose(clientOrderId, order.Id, order.Status);
                break;
        }
    }

    private void OnClose(long clientOrderId, long venueOrderId, BitfinexOrderStatus status)
    {
        switch (status)
        {
            case BitfinexOrderStatus.Executed:
            case BitfinexOrderStatus.PartiallyFilled:
                // Fully executed: the fills (te/tu, fill id = trade id) complete the order.
                if (_engine.Orders.TryGet(clientOrderId, out var order) && order.State == OrderState.PendingNew)
                {
                    Report(ExecutionReport.Ack(clientOrderId, venueOrderId));
                }

                break;
            case BitfinexOrderStatus.PostOnlyCanceled:
            case BitfinexOrderStatus.IocCanceled:
            case BitfinexOrderStatus.FokCanceled:
                Report(ExecutionReport.Expire(clientOrderId));
                break;
            default:
                // CANCELED (ours or the dead-man switch), INSUFFICIENT BALANCE/MARGIN, RSN_DUST, RSN_PAUSE, unknown.
                Report(ExecutionReport.CancelAck(clientOrderId));
                break;
        }
    }

    /// <summary>True when the venue shows less still working (<paramref name="amount"/>) than the OMS thinks is left: filled while away.</summary>
    private bool LeftLessThanExpected(int slot, ReadOnlySpan<byte> amount)
    {
        ref readonly var order = ref _engine.Orders[slot];
        return TryParseAmount(amount, _registry[order.Instrument].SizeScale, out var working) && Math.Abs(working) < order.Quantity.Raw - order.Filled.Raw;
    }

    private void OnOrderSnapshotEnd()
    {
        // Orders the OMS holds open on Bitfinex but the venue does not (never arrived, or cancelled or filled while away), and
        // open ones the venue shows with less left (filled in part while away): asked about over REST when it is configured,
        // otherwise the missing ones are closed unverified.
        var epoch = ++_snapshotEpoch;
        List<ReconcileItem>? items = null;
        var orders = _engine.Orders;
        var instruments = Math.Min(_registry.Count, _baseCurrency.Length);
        for (var i = 0; i < instruments; i++)
        {
            var id = new InstrumentId((ushort)i);
            if (_registry[id].Venue != BitfinexVenue.Name)
            {
                continue;
            }

            var slot = orders.FirstOpen(id);
            while (slot >= 0)
            {
                var next = orders.NextOpen(slot);
                var missing = _snapshotEpochOf[slot] != epoch;
                if (missing || _shortEpochOf[slot] == epoch)
                {
                    if (_options.RestBaseUri is not null)
                    {
                        (items ??= []).Add(NewItem(slot, missing));
                    }
                    else if (missing)
                    {
                        CloseUnverified(slot);
                    }
                }

                slot = next;
            }
        }

        if (items is not null)
        {
            StartReconciliation(items);
        }
        else if (State == BitfinexGatewayState.Reconciling)
        {
            State = BitfinexGatewayState.Ready;
        }
    }

    private void OnTrade(in BitfinexTrade trade, bool update)
    {
        if (!update && _options.FillsFromTradeUpdateOnly)
        {
            return;
        }

        if (!TryResolve(trade.OrderId, trade.Cid, out var slot))
        {
            Unmatched++;
            return;
        }

        ref readonly var order = ref _engine.Orders[slot];
        var instrument = _registry[order.Instrument];
        if (!TryParseAmount(trade.ExecutedAmount, instrument.SizeScale, out var amount)
            || !TryParseAmount(trade.ExecutedPrice, instrument.PriceScale, out var price))
        {
            MalformedFrames++;
            return;
        }

        long fee = 0;
        var feeKnown = false;
        var feeNew = !trade.Fee.IsEmpty && !_feeAccounted.TryGetValue(trade.Id, out _);
        if (feeNew && TryParseAmount(trade.Fee, ExecutionReport.FeeScale, out var venueFee))
        {
            // Each trade's fee is accounted once, however often its tu repeats.
            _feeAccounted.Set(trade.Id, 0);
            feeKnown = TryFeeInQuote(order.Instrument, instrument, trade.FeeCurrency, -venueFee, price, out fee);
            if (!feeKnown)
            {
                FeesNotBooked += -venueFee;
            }
        }

        var liquidity = trade.Maker > 0 ? Liquidity.Maker : trade.Maker < 0 ? Liquidity.Taker : Liquidity.Unknown;
        var clientOrderId = order.ClientOrderId;
        if (order.VenueOrderId == 0 && order.State == OrderState.PendingNew)
        {
            // The first news of the order is its fill (ack notification lost or late): ack it with the venue id.
            Report(ExecutionReport.Ack(clientOrderId, trade.OrderId));
        }

        Report(ExecutionReport.Fill(clientOrderId, trade.Id, new Price(price), new Quantity(Math.Abs(amount)), fee, liquidity));
        if (LastOutcome == ReportOutcome.DuplicateFill && feeKnown)
        {
            FeesNotBooked += fee;
        }
    }

    /// <summary>Fee (cost positive, fee scale) in the quote currency: quote fees as they are, base fees × price.</summary>
    private bool TryFeeInQuote(InstrumentId id, Instrument instrument, ReadOnlySpan<byte> currency, long feeRaw, long priceRaw, out long fee)
    {
        fee = 0;
        EnsureCurrencies(id, instrument);
        if (!TryPack(currency, out var packed))
        {
            return false;
        }

        if (packed == _quoteCurrency[id.Value])
        {
            fee = feeRaw;
            return true;
        }

        if (packed == _baseCurrency[id.Value])
        {
            fee = (long)((Int128)feeRaw * priceRaw / (long)FixedPoint.Pow10(instrument.PriceScale));
            return true;
        }

        return false;
    }

    private void EnsureCurrencies(InstrumentId id, Instrument instrument)
    {
        if (_quoteCurrency[id.Value] != 0)
        {
            return;
        }

        // "tBTCUSD" → BTC/USD; "tTESTBTC:TESTUSD" → TESTBTC/TESTUSD.
        var symbol = instrument.SymbolUtf8.Span;
        if (symbol.Length > 0 && symbol[0] == (byte)'t')
        {
            symbol = symbol[1..];
        }

        var colon = symbol.IndexOf((byte)':');
        var baseText = colon >= 0 ? symbol[..colon] : symbol[..Math.Min(3, symbol.Length)];
        var quoteText = colon >= 0 ? symbol[(colon + 1)..] : symbol[Math.Min(3, symbol.Length)..];
        TryPack(baseText, out _baseCurrency[id.Value]);
        TryPack(quoteText, out _quoteCurrency[id.Value]);
    }

    private static bool TryPack(ReadOnlySpan<byte> currency, out ulong packed)
    {
        packed = 0;
        if (currency.IsEmpty || currency.Length > 8)
        {
            return false;
        }

        for (var i = 0; i < currency.Length; i++)
        {
            packed |= (ulong)currency[i] << (8 * i);
        }

        return true;
    }

    private static bool TryParseAmount(ReadOnlySpan<byte> token, int scale, out long raw) =>
        FixedPoint.TryParse(token, scale, out raw) || BitfinexFrameParser.TryParseFixedTruncating(token, scale, out raw, out _);

    private void SetVenueError(ReadOnlySpan<byte> text) =>
        LastVenueError = System.Text.Encoding.UTF8.GetString(text);

    private readonly struct Handler : IBitfinexAccountHandler
    {
        private readonly BitfinexOrderGateway _owner;

        public Handler(BitfinexOrderGateway owner) => _owner = owner;

        public void OnNotification(in BitfinexNotification notification) => _owner.OnNotification(in notification);

        public void OnOrder(AccountMessageKind kind, in BitfinexOrder order) => _owner.OnOrder(kind, in order);

        public void OnOrderSnapshotEnd(int count) => _owner.OnOrderSnapshotEnd();

        public void OnTrade(in BitfinexTrade trade, bool update) => _owner.OnTrade(in trade, update);

        public void OnWallet(in BitfinexWalletEntry wallet, bool snapshot) => _owner.Wallets.Apply(in wallet);
    }
}
