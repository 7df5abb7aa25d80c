using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Signed requests of the Binance spot WebSocket API (<c>ws-api/v3</c>, developers.binance.com "Trading
/// requests", "User Data Stream requests") and the REST order body, written into a caller buffer without
/// allocating. Parameters are written in alphabetical order, which is also the order of the signature
/// payload (the WebSocket API signs the params sorted by name). Decimals are exact fixed-point text, never
/// a double. The request id is a string naming what it is for: <c>p</c>/<c>c</c>/<c>r</c> + client order
/// id (place, cancel, cancel-replace), <c>a</c> + instrument id (cancel-all), <c>s</c> + number (subscribe),
/// <c>q</c>/<c>t</c> + client order id (order.status, myTrades), <c>l</c> + number (openOrders.status), <c>o</c> + client order id (orphan cancel).
/// </summary>
public static class BinanceOrderEncoder
{
    /// <summary>Request id kind: order.place.</summary>
    public const byte KindPlace = (byte)'p';

    /// <summary>Request id kind: order.cancel.</summary>
    public const byte KindCancel = (byte)'c';

    /// <summary>Request id kind: order.cancelReplace.</summary>
    public const byte KindReplace = (byte)'r';

    /// <summary>Request id kind: openOrders.cancelAll.</summary>
    public const byte KindCancelAll = (byte)'a';

    /// <summary>Request id kind: userDataStream.subscribe.signature.</summary>
    public const byte KindSubscribe = (byte)'s';

    /// <summary>Request id kind: order.status (query one order after a reconnect or a lost answer).</summary>
    public const byte KindStatus = (byte)'q';

    /// <summary>Request id kind: myTrades of one order (the trades a reconciliation books).</summary>
    public const byte KindTrades = (byte)'t';

    /// <summary>Request id kind: openOrders.status (the open orders of every symbol, searched for orphans after a reconnect).</summary>
    public const byte KindOpenOrders = (byte)'l';

    /// <summary>Request id kind: order.cancel of an orphan (an open venue order with our id that the OMS does not hold open).</summary>
    public const byte KindOrphanCancel = (byte)'o';

    private const int QueryCapacity = 1024;

    /// <summary>
    /// <c>order.place</c>: apiKey, newClientOrderId, newOrderRespType=ACK (fills arrive on the user data stream),
    /// price (not for MARKET), quantity, recvWindow, side, symbol, timeInForce (LIMIT only), timestamp, type, signature.
    /// </summary>
    public static bool TryWritePlace(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, ReadOnlySpan<byte> symbol,
        Side side, OrderType type, TimeInForce timeInForce, Price price, int priceScale, Quantity quantity, int sizeScale,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> id = stackalloc byte[BinanceClientIds.MaxLength];
        if (quantity.Raw <= 0 || !BinanceOrderTypes.TryMap(type, timeInForce, out _, out _, out _)
            || !BinanceClientIds.TryFormat(clientOrderId, 0, id, out var idLength))
        {
            return false;
        }

        var order = new OrderFields(symbol, side, type, timeInForce, price, priceScale, quantity, sizeScale);
        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        PlaceParams(ref q, apiKey, id[..idLength], in order, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, KindPlace, clientOrderId, "order.place"u8);
        PlaceParams(ref w, apiKey, id[..idLength], in order, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    /// <summary>
    /// The REST body (and signature payload) of <c>POST /api/v3/order</c>: the same parameters as
    /// <see cref="TryWritePlace"/> without apiKey (it goes in the X-MBX-APIKEY header), then <c>&amp;signature=</c>.
    /// </summary>
    public static bool TryWriteRestOrder(
        Span<byte> destination, ReadOnlySpan<byte> secret, long clientOrderId, ReadOnlySpan<byte> symbol,
        Side side, OrderType type, TimeInForce timeInForce, Price price, int priceScale, Quantity quantity, int sizeScale,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> id = stackalloc byte[BinanceClientIds.MaxLength];
        if (quantity.Raw <= 0 || !BinanceOrderTypes.TryMap(type, timeInForce, out _, out _, out _)
            || !BinanceClientIds.TryFormat(clientOrderId, 0, id, out var idLength))
        {
            return false;
        }

        var order = new OrderFields(symbol, side, type, timeInForce, price, priceScale, quantity, sizeScale);
        var q = new ParamWriter(destination, json: false);
        PlaceParams(ref q, default, id[..idLength], in order, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var payloadLength))
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[BinanceSigner.SignatureHexLength];
        BinanceSigner.TrySign(secret, destination[..payloadLength], signature);
        q.Text("signature"u8, signature);
        return q.Finish(out written);
    }

    /// <summary><c>order.cancel</c> by origClientOrderId: apiKey, origClientOrderId, recvWindow, symbol, timestamp, signature.</summary>
    public static bool TryWriteCancel(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, int generation, ReadOnlySpan<byte> symbol,
        long timestampMillis, int recvWindowMillis, out int written) =>
        TryWriteByClientId(destination, KindCancel, "order.cancel"u8, apiKey, secret, clientOrderId, generation, symbol, timestampMillis, recvWindowMillis, out written);

    /// <summary>
    /// <c>order.cancelReplace</c> (cancelReplaceMode=STOP_ON_FAILURE: no new order if the cancel fails): cancels the
    /// venue order of <paramref name="generation"/> and places generation + 1 with the new price and quantity.
    /// </summary>
    public static bool TryWriteCancelReplace(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, int generation, ReadOnlySpan<byte> symbol,
        Side side, OrderType type, TimeInForce timeInForce, Price price, int priceScale, Quantity quantity, int sizeScale,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> oldId = stackalloc byte[BinanceClientIds.MaxLength];
        Span<byte> newId = stackalloc byte[BinanceClientIds.MaxLength];
        if (quantity.Raw <= 0 || !BinanceOrderTypes.TryMap(type, timeInForce, out _, out _, out _)
            || !BinanceClientIds.TryFormat(clientOrderId, generation, oldId, out var oldLength)
            || !BinanceClientIds.TryFormat(clientOrderId, generation + 1, newId, out var newLength))
        {
            return false;
        }

        var order = new OrderFields(symbol, side, type, timeInForce, price, priceScale, quantity, sizeScale);
        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        ReplaceParams(ref q, apiKey, oldId[..oldLength], newId[..newLength], in order, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, KindReplace, clientOrderId, "order.cancelReplace"u8);
        ReplaceParams(ref w, apiKey, oldId[..oldLength], newId[..newLength], in order, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    /// <summary><c>openOrders.cancelAll</c> of one symbol (Binance has no account-wide cancel-all): apiKey, recvWindow, symbol, timestamp, signature.</summary>
    public static bool TryWriteCancelAll(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, int instrumentId, ReadOnlySpan<byte> symbol,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        CancelAllParams(ref q, apiKey, symbol, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, KindCancelAll, instrumentId, "openOrders.cancelAll"u8);
        CancelAllParams(ref w, apiKey, symbol, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    /// <summary>
    /// <c>order.status</c> by origClientOrderId (developers.binance.com "Account requests", "Query order"): apiKey,
    /// origClientOrderId, recvWindow, symbol, timestamp, signature. Weight 4; the answer is the order's status,
    /// executedQty and cummulativeQuoteQty, or -2013 when the venue does not know the order.
    /// </summary>
    public static bool TryWriteStatus(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, int generation, ReadOnlySpan<byte> symbol,
        long timestampMillis, int recvWindowMillis, out int written) =>
        TryWriteByClientId(destination, KindStatus, "order.status"u8, apiKey, secret, clientOrderId, generation, symbol, timestampMillis, recvWindowMillis, out written);

    /// <summary>
    /// <c>myTrades</c> of one venue order (developers.binance.com "Account requests", "Account trade list"): apiKey,
    /// orderId, recvWindow, symbol, timestamp, signature. The answer lists the order's trades oldest first, each with
    /// id (the <c>t</c> of its executionReport), price, qty, commission and commissionAsset. The request id is
    /// <see cref="KindTrades"/> + the Velox client order id.
    /// </summary>
    public static bool TryWriteMyTrades(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, long venueOrderId, ReadOnlySpan<byte> symbol,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        if (venueOrderId <= 0)
        {
            return false;
        }

        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        TradesParams(ref q, apiKey, venueOrderId, symbol, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, KindTrades, clientOrderId, "myTrades"u8);
        TradesParams(ref w, apiKey, venueOrderId, symbol, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    /// <summary>
    /// <c>openOrders.status</c> without a symbol (the open orders of every symbol, weight 80): apiKey, recvWindow,
    /// timestamp, signature. The request id is <see cref="KindOpenOrders"/> + <paramref name="requestNumber"/>.
    /// </summary>
    public static bool TryWriteOpenOrders(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long requestNumber, long timestampMillis, int recvWindowMillis, out int written) =>
        TryWriteAccountRequest(destination, KindOpenOrders, "openOrders.status"u8, apiKey, secret, requestNumber, timestampMillis, recvWindowMillis, out written);

    /// <summary><c>order.cancel</c> of an orphan by origClientOrderId; the request id is <see cref="KindOrphanCancel"/> + the client order id.</summary>
    public static bool TryWriteOrphanCancel(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, int generation, ReadOnlySpan<byte> symbol,
        long timestampMillis, int recvWindowMillis, out int written) =>
        TryWriteByClientId(destination, KindOrphanCancel, "order.cancel"u8, apiKey, secret, clientOrderId, generation, symbol, timestampMillis, recvWindowMillis, out written);

    /// <summary>
    /// <c>userDataStream.subscribe.signature</c>: subscribes this WebSocket API connection to the account's user
    /// data stream (events then arrive as <c>{"subscriptionId":N,"event":{...}}</c>); apiKey, recvWindow, timestamp, signature.
    /// </summary>
    public static bool TryWriteSubscribe(
        Span<byte> destination, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long requestNumber, long timestampMillis, int recvWindowMillis, out int written) =>
        TryWriteAccountRequest(destination, KindSubscribe, "userDataStream.subscribe.signature"u8, apiKey, secret, requestNumber, timestampMillis, recvWindowMillis, out written);

    /// <summary>A signed request with only the account's parameters: apiKey, recvWindow, timestamp, signature.</summary>
    private static bool TryWriteAccountRequest(
        Span<byte> destination, byte kind, ReadOnlySpan<byte> method, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long requestNumber,
        long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        SubscribeParams(ref q, apiKey, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, kind, requestNumber, method);
        SubscribeParams(ref w, apiKey, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    /// <summary>A request addressed by origClientOrderId (cancel, status): apiKey, origClientOrderId, recvWindow, symbol, timestamp, signature.</summary>
    private static bool TryWriteByClientId(
        Span<byte> destination, byte kind, ReadOnlySpan<byte> method, ReadOnlySpan<byte> apiKey, ReadOnlySpan<byte> secret, long clientOrderId, int generation,
        ReadOnlySpan<byte> symbol, long timestampMillis, int recvWindowMillis, out int written)
    {
        written = 0;
        Span<byte> id = stackalloc byte[BinanceClientIds.MaxLength];
        if (!BinanceClientIds.TryFormat(clientOrderId, generation, id, out var idLength))
        {
            return false;
        }

        Span<byte> query = stackalloc byte[QueryCapacity];
        var q = new ParamWriter(query, json: false);
        CancelParams(ref q, apiKey, id[..idLength], symbol, timestampMillis, recvWindowMillis);
        if (!q.Finish(out var queryLength))
        {
            return false;
        }

        var w = Begin(destination, kind, clientOrderId, method);
        CancelParams(ref w, apiKey, id[..idLength], symbol, timestampMillis, recvWindowMillis);
        return End(ref w, secret, query[..queryLength], out written);
    }

    private static ParamWriter Begin(Span<byte> destination, byte kind, long idNumber, ReadOnlySpan<byte> method)
    {
        var w = new ParamWriter(destination, json: true);
        w.Raw("{\"id\":\""u8);
        w.Raw([kind]);
        w.RawNumber(idNumber);
        w.Raw("\",\"method\":\""u8);
        w.Raw(method);
        w.Raw("\",\"params\":{"u8);
        return w;
    }

    private static bool End(ref ParamWriter w, scoped ReadOnlySpan<byte> secret, scoped ReadOnlySpan<byte> payload, out int written)
    {
        Span<byte> signature = stackalloc byte[BinanceSigner.SignatureHexLength];
        BinanceSigner.TrySign(secret, payload, signature);
        w.Text("signature"u8, signature);
        w.Raw("}}"u8);
        return w.Finish(out written);
    }

    private static void PlaceParams(ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, scoped ReadOnlySpan<byte> clientId, scoped in OrderFields o, long timestamp, int recvWindow)
    {
        BinanceOrderTypes.TryMap(o.Type, o.TimeInForce, out var venueType, out var tif, out var hasPrice);
        if (!apiKey.IsEmpty)
        {
            w.Text("apiKey"u8, apiKey);
        }

        w.Text("newClientOrderId"u8, clientId);
        w.Text("newOrderRespType"u8, "ACK"u8);
        OrderTail(ref w, in o, venueType, tif, hasPrice, timestamp, recvWindow);
    }

    private static void ReplaceParams(
        ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, scoped ReadOnlySpan<byte> oldId, scoped ReadOnlySpan<byte> newId, scoped in OrderFields o, long timestamp, int recvWindow)
    {
        BinanceOrderTypes.TryMap(o.Type, o.TimeInForce, out var venueType, out var tif, out var hasPrice);
        w.Text("apiKey"u8, apiKey);
        w.Text("cancelOrigClientOrderId"u8, oldId);
        w.Text("cancelReplaceMode"u8, "STOP_ON_FAILURE"u8);
        w.Text("newClientOrderId"u8, newId);
        w.Text("newOrderRespType"u8, "ACK"u8);
        OrderTail(ref w, in o, venueType, tif, hasPrice, timestamp, recvWindow);
    }

    /// <summary>price, quantity, recvWindow, side, symbol, timeInForce, timestamp, type (alphabetical).</summary>
    private static void OrderTail(ref ParamWriter w, scoped in OrderFields o, scoped ReadOnlySpan<byte> venueType, scoped ReadOnlySpan<byte> tif, bool hasPrice, long timestamp, int recvWindow)
    {
        if (hasPrice)
        {
            w.Decimal("price"u8, o.Price.Raw, o.PriceScale);
        }

        w.Decimal("quantity"u8, o.Quantity.Raw, o.SizeScale);
        if (recvWindow > 0)
        {
            w.Number("recvWindow"u8, recvWindow);
        }

        w.Text("side"u8, o.Side == Side.Bid ? "BUY"u8 : "SELL"u8);
        w.Text("symbol"u8, o.Symbol);
        if (!tif.IsEmpty)
        {
            w.Text("timeInForce"u8, tif);
        }

        w.Number("timestamp"u8, timestamp);
        w.Text("type"u8, venueType);
    }

    private static void CancelParams(ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, scoped ReadOnlySpan<byte> origId, scoped ReadOnlySpan<byte> symbol, long timestamp, int recvWindow)
    {
        w.Text("apiKey"u8, apiKey);
        w.Text("origClientOrderId"u8, origId);
        if (recvWindow > 0)
        {
            w.Number("recvWindow"u8, recvWindow);
        }

        w.Text("symbol"u8, symbol);
        w.Number("timestamp"u8, timestamp);
    }

    private static void CancelAllParams(ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, scoped ReadOnlySpan<byte> symbol, long timestamp, int recvWindow)
    {
        w.Text("apiKey"u8, apiKey);
        if (recvWindow > 0)
        {
            w.Number("recvWindow"u8, recvWindow);
        }

        w.Text("symbol"u8, symbol);
        w.Number("timestamp"u8, timestamp);
    }

    private static void TradesParams(ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, long venueOrderId, scoped ReadOnlySpan<byte> symbol, long timestamp, int recvWindow)
    {
        w.Text("apiKey"u8, apiKey);
        w.Number("orderId"u8, venueOrderId);
        if (recvWindow > 0)
        {
            w.Number("recvWindow"u8, recvWindow);
        }

        w.Text("symbol"u8, symbol);
        w.Number("timestamp"u8, timestamp);
    }

    private static void SubscribeParams(ref ParamWriter w, scoped ReadOnlySpan<byte> apiKey, long timestamp, int recvWindow)
    {
        w.Text("apiKey"u8, apiKey);
        if (recvWindow > 0)
        {
            w.Number("recvWindow"u8, recvWindow);
        }

        w.Number("timestamp"u8, timestamp);
    }

    private readonly ref struct OrderFields
    {
        public OrderFields(ReadOnlySpan<byte> symbol, Side side, OrderType type, TimeInForce timeInForce, Price price, int priceScale, Quantity quantity, int sizeScale)
        {
            Symbol = symbol;
            Side = side;
            Type = type;
            TimeInForce = timeInForce;
            Price = price;
            PriceScale = priceScale;
            Quantity = quantity;
            SizeScale = sizeScale;
        }

        public ReadOnlySpan<byte> Symbol { get; }

        public Side Side { get; }

        public OrderType Type { get; }

        public TimeInForce TimeInForce { get; }

        public Price Price { get; }

        public int PriceScale { get; }

        public Quantity Quantity { get; }

        public int SizeScale { get; }
    }
}
