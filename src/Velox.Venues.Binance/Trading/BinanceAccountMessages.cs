namespace Velox.Venues.Binance.Trading;

/// <summary>
/// A WebSocket API response (developers.binance.com "Response format"): <c>{"id":..,"status":200,"result":{..},"rateLimits":[..]}</c>
/// or <c>{"id":..,"status":400,"error":{"code":-2010,"msg":".."}}</c>. Spans point into the message.
/// </summary>
public ref struct BinanceResponse
{
    /// <summary>Request kind from our id (<see cref="BinanceOrderEncoder.KindPlace"/> ...); 0 when the id is not ours.</summary>
    public byte RequestKind;

    /// <summary>The number after the kind letter (client order id, instrument id or request number).</summary>
    public long RequestNumber;

    /// <summary>HTTP-style status: 200 success, 4xx/5xx failure.</summary>
    public int Status;

    /// <summary>orderId of the placed (or, for cancel-replace, the new) order; 0 when absent.</summary>
    public long OrderId;

    /// <summary>Binance error code (negative) on failure; 0 on success.</summary>
    public int ErrorCode;

    /// <summary>Binance error message on failure.</summary>
    public ReadOnlySpan<byte> ErrorMessage;

    /// <summary>Order-count usage of the tightest ORDERS limit in rateLimits (count); 0 when absent.</summary>
    public int OrdersCount;

    /// <summary>The limit that <see cref="OrdersCount"/> is counted against.</summary>
    public int OrdersLimit;

    /// <summary>REQUEST_WEIGHT count in rateLimits; 0 when absent.</summary>
    public int WeightCount;

    /// <summary>REQUEST_WEIGHT limit in rateLimits.</summary>
    public int WeightLimit;

    /// <summary>order.status result: the order's status (NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, ...); empty otherwise.</summary>
    public ReadOnlySpan<byte> OrderStatus;

    /// <summary>order.status result: executedQty (venue text); empty otherwise.</summary>
    public ReadOnlySpan<byte> ExecutedQuantity;

    /// <summary>order.status result: cummulativeQuoteQty (venue text); empty otherwise.</summary>
    public ReadOnlySpan<byte> CumulativeQuote;

    /// <summary>The result when it is an array (myTrades, openOrders.status, cancel-all), as received; empty otherwise.</summary>
    public ReadOnlySpan<byte> ResultArray;

    public readonly bool IsSuccess => Status == 200;
}

/// <summary>One trade of a <c>myTrades</c> answer (developers.binance.com "Account trade list"); decimals are the venue's text.</summary>
public ref struct BinanceTrade
{
    /// <summary>id: trade id (the executionReport's <c>t</c>); -1 when absent.</summary>
    public long Id;

    /// <summary>orderId: the venue order it executed.</summary>
    public long OrderId;

    /// <summary>price</summary>
    public ReadOnlySpan<byte> Price;

    /// <summary>qty</summary>
    public ReadOnlySpan<byte> Quantity;

    /// <summary>commission (amount of <see cref="CommissionAsset"/>).</summary>
    public ReadOnlySpan<byte> Commission;

    /// <summary>commissionAsset</summary>
    public ReadOnlySpan<byte> CommissionAsset;

    /// <summary>isMaker</summary>
    public bool Maker;
}

/// <summary>One order of an <c>openOrders.status</c> answer (the fields the orphan search needs).</summary>
public ref struct BinanceOpenOrder
{
    /// <summary>symbol</summary>
    public ReadOnlySpan<byte> Symbol;

    /// <summary>clientOrderId (ours start with <c>vx</c>, see <see cref="BinanceClientIds"/>).</summary>
    public ReadOnlySpan<byte> ClientOrderId;

    /// <summary>orderId</summary>
    public long OrderId;
}

/// <summary>Receives the trades of a myTrades answer; implement on a struct.</summary>
public interface IBinanceTradeHandler
{
    void OnTrade(in BinanceTrade trade);
}

/// <summary>Receives the orders of an openOrders.status answer; implement on a struct.</summary>
public interface IBinanceOpenOrderHandler
{
    void OnOpenOrder(in BinanceOpenOrder order);
}

/// <summary>
/// An <c>executionReport</c> user data event (developers.binance.com "User Data Streams", "Order Update").
/// Decimal fields are the venue's text; spans point into the message.
/// </summary>
public ref struct BinanceExecution
{
    /// <summary>s</summary>
    public ReadOnlySpan<byte> Symbol;

    /// <summary>c: client order id (of the cancel request for CANCELED).</summary>
    public ReadOnlySpan<byte> ClientOrderId;

    /// <summary>C: original client order id (the order being cancelled); empty otherwise.</summary>
    public ReadOnlySpan<byte> OriginalClientOrderId;

    /// <summary>S: BUY or SELL.</summary>
    public ReadOnlySpan<byte> Side;

    /// <summary>x: NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED, TRADE_PREVENTION.</summary>
    public ReadOnlySpan<byte> ExecutionType;

    /// <summary>X: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH.</summary>
    public ReadOnlySpan<byte> OrderStatus;

    /// <summary>r: reject reason (NONE unless rejected).</summary>
    public ReadOnlySpan<byte> RejectReason;

    /// <summary>i: venue order id.</summary>
    public long OrderId;

    /// <summary>l: last executed quantity.</summary>
    public ReadOnlySpan<byte> LastQuantity;

    /// <summary>L: last executed price.</summary>
    public ReadOnlySpan<byte> LastPrice;

    /// <summary>z: cumulative filled quantity.</summary>
    public ReadOnlySpan<byte> CumulativeQuantity;

    /// <summary>n: commission amount of this trade.</summary>
    public ReadOnlySpan<byte> Commission;

    /// <summary>N: commission asset (empty when null).</summary>
    public ReadOnlySpan<byte> CommissionAsset;

    /// <summary>t: trade id (-1 when not a trade).</summary>
    public long TradeId;

    /// <summary>m: the trade was the maker side.</summary>
    public bool Maker;

    /// <summary>E: event time (ms).</summary>
    public long EventTime;
}

/// <summary>Receives what <see cref="BinanceAccountParser"/> decodes; implement on a struct.</summary>
public interface IBinanceAccountHandler
{
    void OnResponse(in BinanceResponse response);

    void OnExecution(in BinanceExecution execution);

    /// <summary>One balance of an <c>outboundAccountPosition</c> (a: asset, f: free, l: locked).</summary>
    void OnBalance(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked);

    /// <summary>Any other user data event (balanceUpdate, listStatus, eventStreamTerminated, ...), by type.</summary>
    void OnOtherEvent(ReadOnlySpan<byte> eventType);
}
