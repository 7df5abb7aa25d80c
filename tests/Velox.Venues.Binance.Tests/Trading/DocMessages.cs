namespace Velox.Venues.Binance.Tests.Trading;

/// <summary>
/// Messages in the shapes the Binance spot documentation shows, with our ids substituted where the gateway must
/// recognise them. Sources: developers.binance.com/docs/binance-spot-api-docs — "WebSocket API / Trading
/// requests" (order.place ACK response, order.cancelReplace response and -2022 error), "WebSocket API / General
/// API information" (error response), "User Data Streams" (executionReport, outboundAccountPosition), and
/// "REST API / General endpoints / Exchange information" plus "Filters" (exchangeInfo).
/// </summary>
internal static class DocMessages
{
    /// <summary>exchangeInfo trimmed to two symbols; filter objects exactly as the "Filters" page lists them.</summary>
    public const string ExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,
         "rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000},
                       {"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":100}],
         "exchangeFilters":[],
         "symbols":[
          {"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","baseAssetPrecision":8,"quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,
           "orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS_LIMIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,
           "isSpotTradingAllowed":true,"isMarginTradingAllowed":true,
           "filters":[
             {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
             {"filterType":"LOT_SIZE","minQty":"0.00001000","maxQty":"9000.00000000","stepSize":"0.00001000"},
             {"filterType":"ICEBERG_PARTS","limit":10},
             {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"83.48940984","stepSize":"0.00000000"},
             {"filterType":"TRAILING_DELTA","minTrailingAboveDelta":10,"maxTrailingAboveDelta":2000,"minTrailingBelowDelta":10,"maxTrailingBelowDelta":2000},
             {"filterType":"PERCENT_PRICE_BY_SIDE","bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2","avgPriceMins":5},
             {"filterType":"NOTIONAL","minNotional":"5.00000000","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
             {"filterType":"MAX_NUM_ORDERS","maxNumOrders":200},
             {"filterType":"MAX_NUM_ALGO_ORDERS","maxNumAlgoOrders":5}],
           "permissions":[],"permissionSets":[["SPOT","MARGIN"]],"defaultSelfTradePreventionMode":"EXPIRE_MAKER",
           "allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]},
          {"symbol":"ETHUSDT","status":"TRADING","baseAsset":"ETH","quoteAsset":"USDT",
           "filters":[
             {"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000","tickSize":"0.01000000"},
             {"filterType":"LOT_SIZE","minQty":"0.00010000","maxQty":"9000.00000000","stepSize":"0.00010000"},
             {"filterType":"MIN_NOTIONAL","minNotional":"10.00000000","applyToMarket":true,"avgPriceMins":5}]},
          {"symbol":"BNBBTC","status":"TRADING","baseAsset":"BNB","quoteAsset":"BTC","filters":[]}]}
        """;

    /// <summary>order.place response with newOrderRespType=ACK ("Place new order (TRADE)", Response: ACK).</summary>
    public static string PlaceAck(long clientOrderId, long orderId) =>
        "{\"id\":\"p" + clientOrderId + "\",\"status\":200,\"result\":{\"symbol\":\"BTCUSDT\",\"orderId\":" + orderId
        + ",\"orderListId\":-1,\"clientOrderId\":\"" + Harness.VenueId(clientOrderId) + "\",\"transactTime\":1660801715639},"
        + "\"rateLimits\":[{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":50,\"count\":12},"
        + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":160000,\"count\":12},"
        + "{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":3}]}";

    /// <summary>Error response ("General API information", Error response format).</summary>
    public static string Error(string id, int status, int code, string msg) =>
        "{\"id\":\"" + id + "\",\"status\":" + status + ",\"error\":{\"code\":" + code + ",\"msg\":\"" + msg + "\"},"
        + "\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,\"count\":70}]}";

    /// <summary>order.cancel response ("Cancel order (TRADE)").</summary>
    public static string CancelOk(long clientOrderId, long orderId) =>
        "{\"id\":\"c" + clientOrderId + "\",\"status\":200,\"result\":{\"symbol\":\"BTCUSDT\",\"origClientOrderId\":\"" + Harness.VenueId(clientOrderId)
        + "\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\"91fe37ce9e69c90d6358c0\",\"transactTime\":1684804350068,"
        + "\"price\":\"23416.10000000\",\"origQty\":\"0.00847000\",\"executedQty\":\"0.00001000\",\"cummulativeQuoteQty\":\"0.23416100\","
        + "\"status\":\"CANCELED\",\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"side\":\"BUY\",\"stopPrice\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"}}";

    /// <summary>order.cancelReplace success ("Cancel and replace order (TRADE)").</summary>
    public static string ReplaceOk(long clientOrderId, int generation, long oldOrderId, long newOrderId) =>
        "{\"id\":\"r" + clientOrderId + "\",\"status\":200,\"result\":{\"cancelResult\":\"SUCCESS\",\"newOrderResult\":\"SUCCESS\","
        + "\"cancelResponse\":{\"symbol\":\"BTCUSDT\",\"origClientOrderId\":\"" + Harness.VenueId(clientOrderId, generation) + "\",\"orderId\":" + oldOrderId
        + ",\"orderListId\":-1,\"clientOrderId\":\"91fe37ce9e69c90d6358c0\",\"transactTime\":1684804350068,\"price\":\"23450.00000000\","
        + "\"origQty\":\"0.00847000\",\"executedQty\":\"0.00001000\",\"cummulativeQuoteQty\":\"0.23450000\",\"status\":\"CANCELED\","
        + "\"timeInForce\":\"GTC\",\"type\":\"LIMIT\",\"side\":\"SELL\",\"selfTradePreventionMode\":\"NONE\"},"
        + "\"newOrderResponse\":{\"symbol\":\"BTCUSDT\",\"orderId\":" + newOrderId + ",\"orderListId\":-1,\"clientOrderId\":\""
        + Harness.VenueId(clientOrderId, generation + 1) + "\",\"transactTime\":1660813156959}},"
        + "\"rateLimits\":[{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":50,\"count\":1}]}";

    /// <summary>order.cancelReplace failure when the cancel failed ("Cancel and replace order", -2022).</summary>
    public static string ReplaceFailed(long clientOrderId) =>
        "{\"id\":\"r" + clientOrderId + "\",\"status\":400,\"error\":{\"code\":-2022,\"msg\":\"Order cancel-replace failed.\","
        + "\"data\":{\"cancelResult\":\"FAILURE\",\"newOrderResult\":\"NOT_ATTEMPTED\",\"cancelResponse\":{\"code\":-2011,\"msg\":\"Unknown order sent.\"},"
        + "\"newOrderResponse\":null}}}";

    /// <summary>An executionReport in the documented payload with the varying fields given.</summary>
    public static string Execution(
        string clientId, string x, string status, long orderId, string lastQty = "0.00000000", string lastPrice = "0.00000000",
        string commission = "0", string? commissionAsset = null, long tradeId = -1, bool maker = false, string origClientId = "", string side = "BUY",
        string cumQty = "0.00000000", string reject = "NONE") =>
        "{\"subscriptionId\":0,\"event\":{\"e\":\"executionReport\",\"E\":1499405658658,\"s\":\"BTCUSDT\",\"c\":\"" + clientId + "\",\"S\":\"" + side
        + "\",\"o\":\"LIMIT\",\"f\":\"GTC\",\"q\":\"1.00000000\",\"p\":\"0.10264410\",\"P\":\"0.00000000\",\"F\":\"0.00000000\",\"g\":-1,\"C\":\""
        + origClientId + "\",\"x\":\"" + x + "\",\"X\":\"" + status + "\",\"r\":\"" + reject + "\",\"i\":" + orderId + ",\"l\":\"" + lastQty
        + "\",\"z\":\"" + cumQty + "\",\"L\":\"" + lastPrice + "\",\"n\":\"" + commission + "\",\"N\":"
        + (commissionAsset is null ? "null" : "\"" + commissionAsset + "\"") + ",\"T\":1499405658657,\"t\":" + tradeId
        + ",\"v\":3,\"I\":8641984,\"w\":true,\"m\":" + (maker ? "true" : "false") + ",\"M\":false,\"O\":1499405658657,\"Z\":\"0.00000000\","
        + "\"Y\":\"0.00000000\",\"Q\":\"0.00000000\",\"W\":1499405658657,\"V\":\"NONE\"}}";

    /// <summary>outboundAccountPosition ("User Data Streams", Account Update).</summary>
    public const string AccountPosition =
        """{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":1564034571105,"u":1564034571073,"B":[{"a":"ETH","f":"10000.000000","l":"0.000000"},{"a":"USDT","f":"89.01995974","l":"703.69807400"}]}}""";

    /// <summary>balanceUpdate ("User Data Streams", Balance Update).</summary>
    public const string BalanceUpdate =
        """{"subscriptionId":0,"event":{"e":"balanceUpdate","E":1573200697110,"a":"BTC","d":"100.00000000","T":1573200697068}}""";
}
