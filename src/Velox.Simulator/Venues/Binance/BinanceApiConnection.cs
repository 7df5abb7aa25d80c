using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Core.Numerics;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// One client of the simulated Binance spot WebSocket API (<c>/ws-api/v3</c>, developers.binance.com "WebSocket
/// API"): requests <c>{"id":..,"method":..,"params":{..}}</c> answered with <c>{"id":..,"status":..,"result"|"error":..}</c>.
/// Signed methods (<c>order.place</c>, <c>order.cancel</c>, <c>order.cancelReplace</c>, <c>openOrders.cancelAll</c>,
/// <c>account.status</c>, <c>order.status</c>, <c>openOrders.status</c>, <c>myTrades</c>, <c>userDataStream.subscribe.signature</c>) check the API key (-2014 format, -2015 unknown,
/// HTTP-style status 401), the HMAC-SHA256 signature over the other params sorted by name (-1022), and timestamp
/// against recvWindow (-1021). Orders are checked against the exchangeInfo filters (-1013) and matched by the
/// shared <see cref="MatchingEngine"/>; after <c>userDataStream.subscribe.signature</c> the account's
/// <c>executionReport</c> and <c>outboundAccountPosition</c> events arrive as <c>{"subscriptionId":0,"event":{..}}</c>.
/// Faults for the next <c>order.place</c>: reject (-2010), delayed answers, lost response, disconnect.
/// </summary>
[SuppressMessage("Security", "CA5394", Justification = "The disconnect coin is seeded for reproducibility.")]
public sealed class BinanceApiConnection : VenueConnection
{
    /// <summary>The path clients connect to.</summary>
    public const string Path = "/ws-api/v3";

    private const int SubscriptionId = 0;
    private const int MaxRecvWindow = 60_000;

    /// <summary>The signed methods: each runs once the key, signature and timestamp check out.</summary>
    private static readonly Dictionary<string, Action<BinanceApiConnection, int>> SignedMethods = new(StringComparer.Ordinal)
    {
        ["userDataStream.subscribe.signature"] = static (c, account) => c.Subscribe(account),
        ["account.status"] = static (c, account) => c.AccountStatus(account),
        ["order.place"] = static (c, account) => c.Place(account),
        ["order.cancel"] = static (c, account) => c.Cancel(account),
        ["order.cancelReplace"] = static (c, account) => c.CancelReplace(account),
        ["openOrders.cancelAll"] = static (c, account) => c.CancelAll(account),
        ["order.status"] = static (c, account) => c.OrderStatus(account),
        ["openOrders.status"] = static (c, account) => c.OpenOrdersStatus(account),
        ["myTrades"] = static (c, account) => c.MyTrades(account),
    };

    private readonly BinanceOrderEntry _entry;
    private readonly EventQueue _events = new();
    private readonly List<(long DueNanos, byte[] Frame)> _delayed = [];
    private readonly Random _coin;
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);
    private int _account = -1;
    private string _id = "null";
    private bool _rejectNext;
    private bool _delayNext;
    private bool _loseNext;
    private bool _disconnectNext;
    private bool _hold;
    private bool _mute;
    private bool _silent;
    private PendingPlace? _place;
    private ExecutionEvent _ack;
    private bool _acked;

    /// <summary>Creates the connection over the shared order entry.</summary>
    public BinanceApiConnection(BinanceOrderEntry entry, IFrameSink sink)
        : base(entry?.Exchange ?? throw new ArgumentNullException(nameof(entry)), sink)
    {
        _entry = entry;
        _coin = new Random(entry.Seed);
    }

    /// <summary>Requests received.</summary>
    public long Requests { get; private set; }

    /// <summary>Requests refused for their key, signature or timestamp.</summary>
    public long AuthFailures { get; private set; }

    /// <summary>Orders the engine accepted.</summary>
    public long OrdersPlaced { get; private set; }

    /// <summary>Requests answered with an error (any reason).</summary>
    public long Errors { get; private set; }

    /// <summary>True once the user data stream is subscribed on this connection.</summary>
    public bool Subscribed => _account >= 0;

    /// <inheritdoc/>
    public override bool Supports(FaultKind kind) =>
        kind is FaultKind.Disconnect or FaultKind.RejectOrder or FaultKind.DelayAck or FaultKind.LoseAck or FaultKind.DisconnectOnOrder;

    /// <inheritdoc/>
    public override void OnClosed()
    {
        if (_account >= 0)
        {
            _entry.Engine.Detach(_account, _events, cancelOrders: false, _entry.WallMillis());
            _account = -1;
        }
    }

    /// <inheritdoc/>
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        Requests++;
        _id = "null";
        _params.Clear();
        string? method = null;
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("id", out var id))
                {
                    _id = id.GetRawText();
                }

                method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in parameters.EnumerateObject())
                    {
                        _params[p.Name] = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString()!,
                            JsonValueKind.True => "true",
                            JsonValueKind.False => "false",
                            _ => p.Value.GetRawText(),
                        };
                    }
                }
            }
        }
        catch (JsonException)
        {
            Error(400, -1100, "Illegal characters found in request: the message is not valid JSON.");
            return;
        }

        Handle(method);
        _hold = false;
        _mute = false;
        _silent = false;
    }

    /// <inheritdoc/>
    protected override void OnFault(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.RejectOrder:
                _rejectNext = true;
                break;
            case FaultKind.DelayAck:
                _delayNext = true;
                break;
            case FaultKind.LoseAck:
                _loseNext = true;
                break;
            case FaultKind.DisconnectOnOrder:
                _disconnectNext = true;
                break;
        }
    }

    /// <inheritdoc/>
    protected override int PollDialect(long nowNanos)
    {
        var work = Drain();
        for (var i = 0; i < _delayed.Count;)
        {
            if (_delayed[i].DueNanos <= nowNanos)
            {
                Sink.Send(_delayed[i].Frame);
                _delayed.RemoveAt(i);
                work++;
            }
            else
            {
                i++;
            }
        }

        return work;
    }

    private protected override bool Wants(in FrameLog.Entry entry) => false;

    private void Handle(string? method)
    {
        if (method is not null && SignedMethods.TryGetValue(method, out var signed))
        {
            if (Authenticate(out var account))
            {
                signed(this, account);
            }

            return;
        }

        switch (method)
        {
            case "ping":
                EmptyResult();
                return;
            case "time":
                IntegerResult("{\"serverTime\":"u8, _entry.WallMillis());
                return;
            case "exchangeInfo":
                BeginResult();
                _entry.WriteExchangeInfo(Writer);
                EndResult();
                return;
            case "userDataStream.unsubscribe":
                OnClosed();
                EmptyResult();
                return;
            default:
                Error(400, -1100, $"Illegal characters found in parameter 'method': '{method}' is not a known method.");
                return;
        }
    }

    private void Subscribe(int account)
    {
        if (_account < 0)
        {
            _account = account;
            _entry.Engine.Attach(account, _events);
        }

        IntegerResult("{\"subscriptionId\":"u8, SubscriptionId);
    }

    private void EmptyResult()
    {
        BeginResult();
        Writer.Raw("{}"u8);
        EndResult();
    }

    /// <summary>A result object with one integer member; <paramref name="open"/> is <c>{"name":</c>.</summary>
    private void IntegerResult(ReadOnlySpan<byte> open, long value)
    {
        BeginResult();
        Writer.Raw(open);
        Writer.Integer(value);
        Writer.Byte((byte)'}');
        EndResult();
    }

    private bool Authenticate(out int account)
    {
        account = -1;
        if (!_params.TryGetValue("apiKey", out var key) || key.Length is 0 or > 128 || key.Any(c => c <= ' ' || c > '~'))
        {
            AuthFailures++;
            Error(401, -2014, "API-key format invalid.");
            return false;
        }

        account = _entry.Engine.FindAccount(key);
        if (account < 0)
        {
            AuthFailures++;
            Error(401, -2015, "Invalid API-key, IP, or permissions for action.");
            return false;
        }

        if (!_params.TryGetValue("signature", out var signature) || signature.Length == 0)
        {
            AuthFailures++;
            Error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
            return false;
        }

        if (!_params.TryGetValue("timestamp", out var timestampText) || !long.TryParse(timestampText, out var timestamp))
        {
            AuthFailures++;
            Error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
            return false;
        }

        var recvWindow = 5_000L;
        if (_params.TryGetValue("recvWindow", out var windowText) && (!long.TryParse(windowText, out recvWindow) || recvWindow <= 0 || recvWindow > MaxRecvWindow))
        {
            AuthFailures++;
            Error(400, -1131, "recvWindow must be less than 60000");
            return false;
        }

        var payload = new StringBuilder();
        foreach (var (name, value) in _params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name == "signature")
            {
                continue;
            }

            payload.Append(payload.Length == 0 ? string.Empty : "&").Append(name).Append('=').Append(value);
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(_entry.Engine.Secret(account), Encoding.UTF8.GetBytes(payload.ToString())));
        if (!string.Equals(expected, signature, StringComparison.OrdinalIgnoreCase))
        {
            AuthFailures++;
            Error(400, -1022, "Signature for this request is not valid.");
            return false;
        }

        var now = _entry.WallMillis();
        if (timestamp > now + _entry.MaxClockAheadMillis || now - timestamp > recvWindow)
        {
            AuthFailures++;
            Error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
            return false;
        }

        return true;
    }

    private void Place(int account)
    {
        if (!TryReadOrder(account, string.Empty, out var order))
        {
            return;
        }

        if (_rejectNext)
        {
            _rejectNext = false;
            Error(400, -2010, "New order rejected (simulator fault injection).");
            return;
        }

        if (_loseNext)
        {
            _loseNext = false;
            _mute = true;
        }

        if (_delayNext)
        {
            _delayNext = false;
            _hold = true;
        }

        if (_disconnectNext)
        {
            _disconnectNext = false;
            var placed = _coin.Next(2) == 0;
            _silent = true;
            if (placed)
            {
                Submit(order);
            }

            Close();
            return;
        }

        Submit(order);
    }

    private void Submit(PendingPlace order)
    {
        _place = order;
        _acked = false;
        lock (Exchange.Gate)
        {
            _entry.Engine.Submit(order.Request, _entry, _entry.WallMillis(), _events);
        }

        Drain();
        _place = null;
    }

    /// <summary>Parses and checks a new order's params (<paramref name="prefix"/>: none, or cancelReplace's); false after answering the error.</summary>
    private bool TryReadOrder(int account, string prefix, out PendingPlace order)
    {
        order = null!;
        if (!TryInstrument(out var instrument, out var symbol))
        {
            return false;
        }

        var spec = Exchange.Market[instrument].Spec;
        var side = _params.GetValueOrDefault("side");
        if (side is not ("BUY" or "SELL"))
        {
            Error(400, side is null ? -1102 : -1117, side is null ? "Mandatory parameter 'side' was not sent, was empty/null, or malformed." : "Invalid side.");
            return false;
        }

        var type = _params.GetValueOrDefault("type");
        if (type is not ("LIMIT" or "MARKET" or "LIMIT_MAKER"))
        {
            Error(400, type is null ? -1102 : -1116, type is null ? "Mandatory parameter 'type' was not sent, was empty/null, or malformed." : "Invalid orderType.");
            return false;
        }

        var tif = string.Empty;
        if (type == "LIMIT")
        {
            tif = _params.GetValueOrDefault("timeInForce") ?? string.Empty;
            if (tif is not ("GTC" or "IOC" or "FOK"))
            {
                Error(400, tif.Length == 0 ? -1102 : -1115, tif.Length == 0 ? "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed." : "Invalid timeInForce.");
                return false;
            }
        }

        long price = 0;
        if (type != "MARKET" && !TryDecimal("price", spec.PriceScale, out price))
        {
            return false;
        }

        if (!TryDecimal("quantity", spec.SizeScale, out var quantity))
        {
            return false;
        }

        var clientId = _params.GetValueOrDefault("newClientOrderId") ?? _entry.NextGeneratedId();
        if (clientId.Length is 0 or > 36 || clientId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '/' or '_' or '-')))
        {
            Error(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
            return false;
        }

        var buy = side == "BUY";
        if (type != "MARKET" && (price < spec.TickRaw || price % spec.TickRaw != 0))
        {
            Error(400, -1013, "Filter failure: PRICE_FILTER");
            return false;
        }

        var step = _entry.StepSize(instrument);
        if (quantity < step || quantity % step != 0)
        {
            Error(400, -1013, "Filter failure: LOT_SIZE");
            return false;
        }

        long reference;
        lock (Exchange.Gate)
        {
            var other = buy ? Exchange.Market[instrument].Asks : Exchange.Market[instrument].Bids;
            reference = other.Depth > 0 ? other[0].Price : 0;
        }

        var notionalPrice = type == "MARKET" ? reference : price;
        var notional = (Int128)notionalPrice * quantity / (long)FixedPoint.Pow10(spec.SizeScale);
        if (notional < _entry.MinNotionalWhole * (Int128)(long)FixedPoint.Pow10(spec.PriceScale))
        {
            Error(400, -1013, "Filter failure: NOTIONAL");
            return false;
        }

        if (type == "LIMIT_MAKER" && reference != 0 && (buy ? reference <= price : reference >= price))
        {
            Error(400, -2010, "Order would immediately match and take.");
            return false;
        }

        var existing = _entry.FindByClientId(clientId);
        if (existing != 0 && _entry.OpenOrders(account, -1).Exists(o => o.Id == existing))
        {
            Error(400, -2010, "Duplicate order sent.");
            return false;
        }

        order = new PendingPlace(
            new SimOrderRequest
            {
                Account = account,
                Instrument = instrument,
                Amount = buy ? quantity : -quantity,
                Price = price,
                Type = type == "MARKET" ? SimOrderType.Market : tif switch
                {
                    "IOC" => SimOrderType.ImmediateOrCancel,
                    "FOK" => SimOrderType.FillOrKill,
                    _ => SimOrderType.Limit,
                },
                PostOnly = type == "LIMIT_MAKER",
            },
            clientId,
            symbol,
            type,
            tif,
            prefix.Length != 0);
        return true;
    }

    private bool TryInstrument(out int instrument, out string symbol)
    {
        symbol = _params.GetValueOrDefault("symbol") ?? string.Empty;
        instrument = symbol.Length == 0 ? -1 : Exchange.Market.IndexOf(symbol);
        if (symbol.Length == 0)
        {
            Error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            return false;
        }

        if (instrument < 0)
        {
            Error(400, -1121, "Invalid symbol.");
            return false;
        }

        return true;
    }

    private bool TryDecimal(string name, int scale, out long raw)
    {
        raw = 0;
        if (!_params.TryGetValue(name, out var text) || text.Length == 0)
        {
            Error(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");
            return false;
        }

        if (!FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out raw) || raw <= 0)
        {
            Error(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '^([0-9]{{1,20}})(\\.[0-9]{{1,20}})?$'.");
            return false;
        }

        return true;
    }

    private void Cancel(int account)
    {
        if (!TryInstrument(out var instrument, out _))
        {
            return;
        }

        var target = FindTarget(account, instrument, "origClientOrderId", "orderId");
        if (target is null)
        {
            Error(400, -2011, "Unknown order sent.");
            return;
        }

        var cancelId = _params.GetValueOrDefault("newClientOrderId") ?? _entry.NextGeneratedId();
        if (!CancelInEngine(account, target))
        {
            Error(400, -2011, "Unknown order sent.");
            return;
        }

        BeginResult();
        WriteCancelResponse(target, cancelId);
        EndResult();
    }

    private void CancelReplace(int account)
    {
        var mode = _params.GetValueOrDefault("cancelReplaceMode");
        if (mode is not ("STOP_ON_FAILURE" or "ALLOW_FAILURE"))
        {
            Error(400, -1102, "Mandatory parameter 'cancelReplaceMode' was not sent, was empty/null, or malformed.");
            return;
        }

        if (!TryReadOrder(account, "cancel", out var order))
        {
            return;
        }

        var target = FindTarget(account, order.Request.Instrument, "cancelOrigClientOrderId", "cancelOrderId");
        if (target is null || !CancelInEngine(account, target))
        {
            ErrorWithData(
                400, -2022, "Order cancel-replace failed.",
                "{\"cancelResult\":\"FAILURE\",\"newOrderResult\":\"NOT_ATTEMPTED\",\"cancelResponse\":{\"code\":-2011,\"msg\":\"Unknown order sent.\"},\"newOrderResponse\":null}");
            return;
        }

        var cancelId = _entry.NextGeneratedId();
        _place = order;
        _acked = false;
        lock (Exchange.Gate)
        {
            _entry.Engine.Submit(order.Request, _entry, _entry.WallMillis(), _events);
        }

        Drain();
        _place = null;
        if (!_acked || _ack.Reject != SimRejectReason.None)
        {
            var cancelled = new FrameWriter(1024);
            WriteCancelResponse(cancelled, target, cancelId);
            ErrorWithData(
                400, -2021, "Order cancel-replace partially failed.",
                $"{{\"cancelResult\":\"SUCCESS\",\"newOrderResult\":\"FAILURE\",\"cancelResponse\":{Encoding.UTF8.GetString(cancelled.Written)},\"newOrderResponse\":{{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}}}}");
            return;
        }

        BeginResult();
        Writer.Raw("{\"cancelResult\":\"SUCCESS\",\"newOrderResult\":\"SUCCESS\",\"cancelResponse\":"u8);
        WriteCancelResponse(target, cancelId);
        Writer.Raw(",\"newOrderResponse\":"u8);
        WriteAckResult(order, _ack.Order.Id);
        Writer.Byte((byte)'}');
        EndResult();
    }

    private void CancelAll(int account)
    {
        if (!TryInstrument(out var instrument, out _))
        {
            return;
        }

        var open = _entry.OpenOrders(account, instrument);
        if (open.Count == 0)
        {
            Error(400, -2011, "Unknown order sent.");
            return;
        }

        var ids = open.Select(o => o.Id).ToArray();
        _acked = false;
        lock (Exchange.Gate)
        {
            _entry.Engine.CancelMany(account, ids, all: false, _entry.WallMillis(), _events);
        }

        Drain();
        BeginResult();
        Writer.Byte((byte)'[');
        var first = true;
        foreach (var snapshot in open)
        {
            if (_entry.Find(snapshot.Id) is { } target)
            {
                if (!first)
                {
                    Writer.Byte((byte)',');
                }

                first = false;
                WriteCancelResponse(target, _entry.NextGeneratedId());
            }
        }

        Writer.Byte((byte)']');
        EndResult();
    }

    /// <summary>order.status (developers.binance.com "Account requests", "Query order"): by orderId first, else origClientOrderId; -2013 when unknown.</summary>
    private void OrderStatus(int account)
    {
        if (!TryInstrument(out var instrument, out _))
        {
            return;
        }

        long id = 0;
        if (_params.TryGetValue("orderId", out var text))
        {
            _ = long.TryParse(text, out id);
        }
        else if (_params.TryGetValue("origClientOrderId", out var clientId))
        {
            id = _entry.FindByClientId(clientId);
        }
        else
        {
            Error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
            return;
        }

        if (id == 0 || _entry.Find(id) is not { } order || order.Instrument != instrument || !_entry.TryGetState(account, instrument, id, out var state))
        {
            Error(400, -2013, "Order does not exist.");
            return;
        }

        BeginResult();
        WriteStatus(order, state);
        EndResult();
    }

    /// <summary>openOrders.status: the account's open orders (of one symbol, or of all when none is given), as order.status reports them.</summary>
    private void OpenOrdersStatus(int account)
    {
        var instrument = -1;
        if (_params.ContainsKey("symbol") && !TryInstrument(out instrument, out _))
        {
            return;
        }

        BeginResult();
        Writer.Byte((byte)'[');
        var first = true;
        foreach (var state in _entry.OpenOrders(account, instrument))
        {
            if (_entry.Find(state.Id) is { } order)
            {
                if (!first)
                {
                    Writer.Byte((byte)',');
                }

                first = false;
                WriteStatus(order, state);
            }
        }

        Writer.Byte((byte)']');
        EndResult();
    }

    /// <summary>
    /// myTrades (developers.binance.com "Account requests", "Account trade list"): the account's trades of one symbol,
    /// optionally of one orderId, from fromId, or within startTime..endTime (at most 24 h apart); limit 1..1000, default 500.
    /// Other combinations of the optional params are refused (-1128), as the venue does.
    /// </summary>
    private void MyTrades(int account)
    {
        if (!TryInstrument(out var instrument, out var symbol))
        {
            return;
        }

        if (!TryOptionalLong("orderId", out var orderId) || !TryOptionalLong("fromId", out var fromId)
            || !TryOptionalLong("startTime", out var start) || !TryOptionalLong("endTime", out var end) || !TryOptionalLong("limit", out var limit))
        {
            return;
        }

        var hasTime = start > 0 || end > 0;
        if ((orderId > 0 && hasTime) || (fromId > 0 && hasTime))
        {
            Error(400, -1128, "Combination of optional parameters invalid.");
            return;
        }

        if (start > 0 && end > 0 && end - start > 86_400_000)
        {
            Error(400, -1127, "More than 24 hours between startTime and endTime.");
            return;
        }

        if (limit == 0)
        {
            limit = 500;
        }
        else if (limit > 1000)
        {
            Error(400, -1100, "Illegal characters found in parameter 'limit'; legal range is '1' to '1000'.");
            return;
        }

        var spec = Exchange.Market[instrument].Spec;
        var trades = _entry.Trades(account, instrument, orderId, fromId, start, end > 0 ? end : long.MaxValue, (int)limit);
        BeginResult();
        Writer.Byte((byte)'[');
        for (var i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            Writer.Raw(i == 0 ? "{\"symbol\":"u8 : ",{\"symbol\":"u8);
            Writer.Quoted(symbol);
            Writer.Raw(",\"id\":"u8);
            Writer.Integer(t.Id);
            Writer.Raw(",\"orderId\":"u8);
            Writer.Integer(t.OrderId);
            Writer.Raw(",\"orderListId\":-1,\"price\":"u8);
            BinanceOrderEntry.Decimal(Writer, t.Price, spec.PriceScale);
            Writer.Raw(",\"qty\":"u8);
            BinanceOrderEntry.Decimal(Writer, t.Quantity, spec.SizeScale);
            Writer.Raw(",\"quoteQty\":"u8);
            BinanceOrderEntry.Decimal(Writer, (long)((Int128)t.Quantity * t.Price / (long)FixedPoint.Pow10(spec.SizeScale)), spec.PriceScale);
            Writer.Raw(",\"commission\":"u8);
            BinanceOrderEntry.Decimal(Writer, t.Commission, MatchingEngine.WalletScale);
            Writer.Raw(",\"commissionAsset\":"u8);
            Writer.Quoted(_entry.Engine.Currencies[t.CommissionCurrency]);
            Writer.Raw(",\"time\":"u8);
            Writer.Integer(t.Mts);
            Writer.Raw(t.Buyer ? ",\"isBuyer\":true"u8 : ",\"isBuyer\":false"u8);
            Writer.Raw(t.Maker ? ",\"isMaker\":true,\"isBestMatch\":true}"u8 : ",\"isMaker\":false,\"isBestMatch\":true}"u8);
        }

        Writer.Byte((byte)']');
        EndResult();
    }

    /// <summary>An optional non-negative integer param (0 when absent); false after answering -1100.</summary>
    private bool TryOptionalLong(string name, out long value)
    {
        value = 0;
        if (!_params.TryGetValue(name, out var text))
        {
            return true;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        Error(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");
        return false;
    }

    private void WriteStatus(BinanceSimOrder o, in SimOrderSnapshot state)
    {
        var spec = Exchange.Market[o.Instrument].Spec;
        var executed = Math.Abs(state.AmountOrig) - Math.Abs(state.Amount);
        var quote = (long)((Int128)executed * state.PriceAvg / (long)FixedPoint.Pow10(spec.SizeScale));
        var status = state.Status switch
        {
            SimOrderStatus.Active => "NEW",
            SimOrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
            SimOrderStatus.Executed => "FILLED",
            SimOrderStatus.Canceled when o.Type != "MARKET" => "CANCELED",
            _ => "EXPIRED",
        };
        Writer.Raw("{\"symbol\":"u8);
        Writer.Quoted(spec.Symbol);
        Writer.Raw(",\"orderId\":"u8);
        Writer.Integer(o.OrderId);
        Writer.Raw(",\"orderListId\":-1,\"clientOrderId\":"u8);
        Writer.Quoted(o.ClientId);
        Writer.Raw(",\"price\":"u8);
        BinanceOrderEntry.Decimal(Writer, o.Price, spec.PriceScale);
        Writer.Raw(",\"origQty\":"u8);
        BinanceOrderEntry.Decimal(Writer, o.Quantity, spec.SizeScale);
        Writer.Raw(",\"executedQty\":"u8);
        BinanceOrderEntry.Decimal(Writer, executed, spec.SizeScale);
        Writer.Raw(",\"cummulativeQuoteQty\":"u8);
        BinanceOrderEntry.Decimal(Writer, quote, spec.PriceScale);
        Writer.Raw(",\"status\":"u8);
        Writer.Quoted(status);
        Writer.Raw(",\"timeInForce\":"u8);
        Writer.Quoted(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce);
        Writer.Raw(",\"type\":"u8);
        Writer.Quoted(o.Type);
        Writer.Raw(o.Buy ? ",\"side\":\"BUY\""u8 : ",\"side\":\"SELL\""u8);
        Writer.Raw(",\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\",\"time\":"u8);
        Writer.Integer(o.CreatedMillis);
        Writer.Raw(",\"updateTime\":"u8);
        Writer.Integer(state.MtsUpdate);
        Writer.Raw(status is "NEW" or "PARTIALLY_FILLED" ? ",\"isWorking\":true,\"workingTime\":"u8 : ",\"isWorking\":false,\"workingTime\":"u8);
        Writer.Integer(o.CreatedMillis);
        Writer.Raw(",\"origQuoteOrderQty\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"}"u8);
    }

    private BinanceSimOrder? FindTarget(int account, int instrument, string clientIdParam, string orderIdParam)
    {
        long id = 0;
        if (_params.TryGetValue(clientIdParam, out var clientId))
        {
            id = _entry.FindByClientId(clientId);
        }
        else if (_params.TryGetValue(orderIdParam, out var text) && !long.TryParse(text, out id))
        {
            id = 0;
        }

        var order = id == 0 ? null : _entry.Find(id);
        return order is not null && order.Instrument == instrument && _entry.OpenOrders(account, instrument).Exists(o => o.Id == id) ? order : null;
    }

    private bool CancelInEngine(int account, BinanceSimOrder target)
    {
        _acked = false;
        lock (Exchange.Gate)
        {
            _entry.Engine.Cancel(account, target.OrderId, 0, 0, _entry.WallMillis(), _events);
        }

        Drain();
        return _acked && _ack.Request == SimRequestKind.Cancel && _ack.Reject == SimRejectReason.None;
    }

    private void AccountStatus(int account)
    {
        var engine = _entry.Engine;
        var balances = new long[engine.Currencies.Count];
        var available = new long[engine.Currencies.Count];
        engine.CopyWallets(account, balances, available);
        BeginResult();
        Writer.Raw("{\"makerCommission\":"u8);
        Writer.Integer(_entry.Fees.MakerBps);
        Writer.Raw(",\"takerCommission\":"u8);
        Writer.Integer(_entry.Fees.TakerBps);
        Writer.Raw(",\"buyerCommission\":0,\"sellerCommission\":0,\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"brokered\":false,\"requireSelfTradePrevention\":false,\"updateTime\":"u8);
        Writer.Integer(_entry.WallMillis());
        Writer.Raw(",\"accountType\":\"SPOT\",\"balances\":["u8);
        for (var c = 0; c < balances.Length; c++)
        {
            Writer.Raw(c == 0 ? "{\"asset\":"u8 : ",{\"asset\":"u8);
            Writer.Quoted(engine.Currencies[c]);
            Writer.Raw(",\"free\":"u8);
            BinanceOrderEntry.Decimal(Writer, available[c], MatchingEngine.WalletScale);
            Writer.Raw(",\"locked\":"u8);
            BinanceOrderEntry.Decimal(Writer, balances[c] - available[c], MatchingEngine.WalletScale);
            Writer.Byte((byte)'}');
        }

        Writer.Raw("],\"permissions\":[\"SPOT\"],\"uid\":"u8);
        Writer.Integer(engine.Account(account).UserId);
        Writer.Byte((byte)'}');
        EndResult();
    }

    /// <summary>Sends what the engine queued: answers to this connection's request, and the account's events when subscribed.</summary>
    private int Drain()
    {
        var work = 0;
        while (_events.Queue.TryDequeue(out var e))
        {
            work++;
            switch (e.Kind)
            {
                case ExecutionKind.Ack:
                    _ack = e;
                    _acked = true;
                    if (e.Request == SimRequestKind.New && _place is { } place)
                    {
                        OnPlaceAck(place, e);
                    }

                    break;
                case ExecutionKind.Fill:
                    OnFill(e);
                    break;
                case ExecutionKind.OrderClosed:
                    OnClosedOrder(e);
                    break;
                case ExecutionKind.Wallet:
                    OnWallet(e);
                    break;
            }
        }

        return work;
    }

    private void OnPlaceAck(PendingPlace place, in ExecutionEvent e)
    {
        if (e.Reject != SimRejectReason.None)
        {
            if (!place.IsReplace)
            {
                Error(400, -2010, e.Reject == SimRejectReason.InsufficientBalance ? "Account has insufficient balance for requested action." : "New order rejected.");
            }

            return;
        }

        var r = place.Request;
        var order = new BinanceSimOrder
        {
            OrderId = e.Order.Id,
            ClientId = place.ClientId,
            Instrument = r.Instrument,
            Buy = r.Amount > 0,
            Type = place.Type,
            TimeInForce = place.TimeInForce,
            Price = r.Type == SimOrderType.Market ? 0 : r.Price,
            Quantity = Math.Abs(r.Amount),
            CreatedMillis = e.Mts,
        };
        _entry.Register(order);
        OrdersPlaced++;
        if (!place.IsReplace)
        {
            BeginResult();
            WriteAckResult(place, order.OrderId);
            EndResult();
        }

        if (_account >= 0)
        {
            Report(order, "NEW", "NEW", 0, 0, 0, -1, -1, maker: false, working: r.Type == SimOrderType.Limit, null, e.Mts);
        }
    }

    private void OnFill(in ExecutionEvent e)
    {
        if (_entry.Find(e.Order.Id) is not { } order)
        {
            return;
        }

        var spec = Exchange.Market[order.Instrument].Spec;
        var qty = Math.Abs(e.ExecAmount);
        var executed = Math.Abs(e.Order.AmountOrig) - Math.Abs(e.Order.Amount);
        order.Executed = executed;
        order.ExecutedQuote = (long)((Int128)executed * e.Order.PriceAvg / (long)FixedPoint.Pow10(spec.SizeScale));
        var status = e.Order.Amount == 0 ? "FILLED" : "PARTIALLY_FILLED";
        var working = e.Order.Amount != 0 && e.Order.Type == SimOrderType.Limit;
        Report(order, "TRADE", status, qty, e.ExecPrice, -e.Fee, e.Currency, e.TradeId, e.Maker, working, null, e.Mts);
    }

    private void OnClosedOrder(in ExecutionEvent e)
    {
        if (_entry.Find(e.Order.Id) is not { } order)
        {
            return;
        }

        switch (e.Order.Status)
        {
            case SimOrderStatus.Executed:
                return;
            case SimOrderStatus.Canceled when order.Type != "MARKET":
                Report(order, "CANCELED", "CANCELED", 0, 0, 0, -1, -1, maker: false, working: false, _entry.NextGeneratedId(), e.Mts);
                return;
            default:
                Report(order, "EXPIRED", "EXPIRED", 0, 0, 0, -1, -1, maker: false, working: false, null, e.Mts);
                return;
        }
    }

    private void OnWallet(in ExecutionEvent e)
    {
        if (_account < 0)
        {
            return;
        }

        Writer.Reset();
        Writer.Raw("{\"subscriptionId\":"u8);
        Writer.Integer(SubscriptionId);
        Writer.Raw(",\"event\":{\"e\":\"outboundAccountPosition\",\"E\":"u8);
        Writer.Integer(e.Mts);
        Writer.Raw(",\"u\":"u8);
        Writer.Integer(e.Mts);
        Writer.Raw(",\"B\":[{\"a\":"u8);
        Writer.Quoted(_entry.Engine.Currencies[e.Currency]);
        Writer.Raw(",\"f\":"u8);
        BinanceOrderEntry.Decimal(Writer, e.Available, MatchingEngine.WalletScale);
        Writer.Raw(",\"l\":"u8);
        BinanceOrderEntry.Decimal(Writer, e.Balance - e.Available, MatchingEngine.WalletScale);
        Writer.Raw("}]}}"u8);
        Send();
    }

    /// <summary>One executionReport (developers.binance.com "User Data Streams": Order Update).</summary>
    private void Report(
        BinanceSimOrder o, string execution, string status, long lastQty, long lastPrice, long fee, int feeCurrency, long tradeId, bool maker, bool working,
        string? cancelClientId, long mts)
    {
        if (_account < 0)
        {
            return;
        }

        var spec = Exchange.Market[o.Instrument].Spec;
        Writer.Reset();
        Writer.Raw("{\"subscriptionId\":"u8);
        Writer.Integer(SubscriptionId);
        Writer.Raw(",\"event\":{\"e\":\"executionReport\",\"E\":"u8);
        Writer.Integer(mts);
        Writer.Raw(",\"s\":"u8);
        Writer.Quoted(spec.Symbol);
        Writer.Raw(",\"c\":"u8);
        Writer.Quoted(cancelClientId ?? o.ClientId);
        Writer.Raw(",\"S\":"u8);
        Writer.Raw(o.Buy ? "\"BUY\""u8 : "\"SELL\""u8);
        Writer.Raw(",\"o\":"u8);
        Writer.Quoted(o.Type);
        Writer.Raw(",\"f\":"u8);
        Writer.Quoted(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce);
        Writer.Raw(",\"q\":"u8);
        BinanceOrderEntry.Decimal(Writer, o.Quantity, spec.SizeScale);
        Writer.Raw(",\"p\":"u8);
        BinanceOrderEntry.Decimal(Writer, o.Price, spec.PriceScale);
        Writer.Raw(",\"P\":\"0.00000000\",\"F\":\"0.00000000\",\"g\":-1,\"C\":"u8);
        Writer.Quoted(cancelClientId is null ? string.Empty : o.ClientId);
        Writer.Raw(",\"x\":"u8);
        Writer.Quoted(execution);
        Writer.Raw(",\"X\":"u8);
        Writer.Quoted(status);
        Writer.Raw(",\"r\":\"NONE\",\"i\":"u8);
        Writer.Integer(o.OrderId);
        Writer.Raw(",\"l\":"u8);
        BinanceOrderEntry.Decimal(Writer, lastQty, spec.SizeScale);
        var executed = o.Executed;
        var executedQuote = o.ExecutedQuote;
        Writer.Raw(",\"z\":"u8);
        BinanceOrderEntry.Decimal(Writer, executed, spec.SizeScale);
        Writer.Raw(",\"L\":"u8);
        BinanceOrderEntry.Decimal(Writer, lastPrice, spec.PriceScale);
        Writer.Raw(",\"n\":"u8);
        BinanceOrderEntry.Decimal(Writer, fee, MatchingEngine.WalletScale);
        Writer.Raw(",\"N\":"u8);
        if (feeCurrency >= 0)
        {
            Writer.Quoted(_entry.Engine.Currencies[feeCurrency]);
        }
        else
        {
            Writer.Raw("null"u8);
        }

        Writer.Raw(",\"T\":"u8);
        Writer.Integer(mts);
        Writer.Raw(",\"t\":"u8);
        Writer.Integer(tradeId);
        Writer.Raw(",\"I\":"u8);
        Writer.Integer(Requests);
        Writer.Raw(working ? ",\"w\":true"u8 : ",\"w\":false"u8);
        Writer.Raw(maker ? ",\"m\":true"u8 : ",\"m\":false"u8);
        Writer.Raw(",\"M\":false,\"O\":"u8);
        Writer.Integer(o.CreatedMillis);
        Writer.Raw(",\"Z\":"u8);
        BinanceOrderEntry.Decimal(Writer, executedQuote, spec.PriceScale);
        Writer.Raw(",\"Y\":"u8);
        BinanceOrderEntry.Decimal(Writer, (long)((Int128)lastQty * lastPrice / (long)FixedPoint.Pow10(spec.SizeScale)), spec.PriceScale);
        Writer.Raw(",\"Q\":\"0.00000000\",\"W\":"u8);
        Writer.Integer(o.CreatedMillis);
        Writer.Raw(",\"V\":\"NONE\"}}"u8);
        Send();
    }

    private void WriteAckResult(PendingPlace place, long orderId)
    {
        Writer.Raw("{\"symbol\":"u8);
        Writer.Quoted(place.Symbol);
        Writer.Raw(",\"orderId\":"u8);
        Writer.Integer(orderId);
        Writer.Raw(",\"orderListId\":-1,\"clientOrderId\":"u8);
        Writer.Quoted(place.ClientId);
        Writer.Raw(",\"transactTime\":"u8);
        Writer.Integer(_entry.WallMillis());
        Writer.Byte((byte)'}');
    }

    private void WriteCancelResponse(BinanceSimOrder o, string cancelId) => WriteCancelResponse(Writer, o, cancelId);

    private void WriteCancelResponse(FrameWriter w, BinanceSimOrder o, string cancelId)
    {
        var spec = Exchange.Market[o.Instrument].Spec;
        w.Raw("{\"symbol\":"u8);
        w.Quoted(spec.Symbol);
        w.Raw(",\"origClientOrderId\":"u8);
        w.Quoted(o.ClientId);
        w.Raw(",\"orderId\":"u8);
        w.Integer(o.OrderId);
        w.Raw(",\"orderListId\":-1,\"clientOrderId\":"u8);
        w.Quoted(cancelId);
        w.Raw(",\"transactTime\":"u8);
        w.Integer(_entry.WallMillis());
        w.Raw(",\"price\":"u8);
        BinanceOrderEntry.Decimal(w, o.Price, spec.PriceScale);
        w.Raw(",\"origQty\":"u8);
        BinanceOrderEntry.Decimal(w, o.Quantity, spec.SizeScale);
        w.Raw(",\"executedQty\":"u8);
        BinanceOrderEntry.Decimal(w, o.Executed, spec.SizeScale);
        w.Raw(",\"cummulativeQuoteQty\":"u8);
        BinanceOrderEntry.Decimal(w, o.ExecutedQuote, spec.PriceScale);
        w.Raw(",\"status\":\"CANCELED\",\"timeInForce\":"u8);
        w.Quoted(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce);
        w.Raw(",\"type\":"u8);
        w.Quoted(o.Type);
        w.Raw(o.Buy ? ",\"side\":\"BUY\""u8 : ",\"side\":\"SELL\""u8);
        w.Raw(",\"selfTradePreventionMode\":\"NONE\"}"u8);
    }

    private void BeginResult()
    {
        Writer.Reset();
        Writer.Raw("{\"id\":"u8);
        Writer.Raw(Encoding.UTF8.GetBytes(_id));
        Writer.Raw(",\"status\":200,\"result\":"u8);
    }

    private void EndResult()
    {
        WriteRateLimits();
        Writer.Byte((byte)'}');
        Send();
    }

    private void Error(int status, int code, string message) => ErrorWithData(status, code, message, null);

    private void ErrorWithData(int status, int code, string message, string? data)
    {
        Errors++;
        Writer.Reset();
        Writer.Raw("{\"id\":"u8);
        Writer.Raw(Encoding.UTF8.GetBytes(_id));
        Writer.Raw(",\"status\":"u8);
        Writer.Integer(status);
        Writer.Raw(",\"error\":{\"code\":"u8);
        Writer.Integer(code);
        Writer.Raw(",\"msg\":"u8);
        Writer.Byte((byte)'"');
        Writer.Raw(JsonEncodedText.Encode(message).EncodedUtf8Bytes);
        Writer.Byte((byte)'"');
        if (data is not null)
        {
            Writer.Raw(",\"data\":"u8);
            Writer.Raw(Encoding.UTF8.GetBytes(data));
        }

        Writer.Byte((byte)'}');
        WriteRateLimits();
        Writer.Byte((byte)'}');
        Send();
    }

    private void WriteRateLimits()
    {
        Writer.Raw(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":"u8);
        Writer.Integer(Requests);
        Writer.Raw("}]"u8);
    }

    private void Send()
    {
        // A lost ack drops the order's answer (its events still flow); an order sent as the line drops gets nothing back.
        if (_silent || (_mute && _place is not null && Writer.Written.StartsWith("{\"id\""u8)))
        {
            return;
        }

        if (_hold)
        {
            _delayed.Add((Velox.Core.Time.MonotonicClock.Now() + (_entry.DelayAckMillis * 1_000_000L), Writer.Written.ToArray()));
            return;
        }

        Sink.Send(Writer.Written);
    }

    private sealed record PendingPlace(SimOrderRequest Request, string ClientId, string Symbol, string Type, string TimeInForce, bool IsReplace);

    private sealed class EventQueue : IExecutionSink
    {
        public ConcurrentQueue<ExecutionEvent> Queue { get; } = new();

        public void Enqueue(in ExecutionEvent e) => Queue.Enqueue(e);
    }
}
