using System.Buffers.Text;
using System.Text.Json;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Decodes what the WebSocket API sends on an order-entry connection: responses to our requests and the
/// user data events of <c>userDataStream.subscribe</c>, wrapped as <c>{"subscriptionId":N,"event":{...}}</c>
/// (developers.binance.com "User Data Streams"). Uses <see cref="Utf8JsonReader"/> over the received bytes:
/// nothing is allocated for well-formed messages; malformed ones return false.
/// </summary>
public static class BinanceAccountParser
{
    /// <summary>Parses one message and calls the handler; false when it is not valid JSON of a known shape.</summary>
    public static bool TryParse<THandler>(ReadOnlySpan<byte> message, ref THandler handler)
        where THandler : struct, IBinanceAccountHandler
    {
        var reader = new Utf8JsonReader(message);
        try
        {
            return Parse(message, ref reader, ref handler);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a <c>myTrades</c> result array (<see cref="BinanceResponse.ResultArray"/>) and calls the handler per trade; false when malformed.</summary>
    public static bool TryParseTrades<THandler>(ReadOnlySpan<byte> array, ref THandler handler)
        where THandler : struct, IBinanceTradeHandler
    {
        var reader = new Utf8JsonReader(array);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var trade = default(BinanceTrade);
                trade.Id = -1;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        ReadLong(ref reader, out trade.Id);
                    }
                    else if (reader.ValueTextEquals("orderId"u8))
                    {
                        ReadLong(ref reader, out trade.OrderId);
                    }
                    else if (reader.ValueTextEquals("price"u8))
                    {
                        trade.Price = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("qty"u8))
                    {
                        trade.Quantity = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("commission"u8))
                    {
                        trade.Commission = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("commissionAsset"u8))
                    {
                        trade.CommissionAsset = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("isMaker"u8))
                    {
                        reader.Read();
                        trade.Maker = reader.TokenType == JsonTokenType.True;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (trade.Id < 0 || trade.Price.IsEmpty || trade.Quantity.IsEmpty)
                {
                    return false;
                }

                handler.OnTrade(in trade);
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an <c>openOrders.status</c> result array and calls the handler per order; false when malformed.</summary>
    public static bool TryParseOpenOrders<THandler>(ReadOnlySpan<byte> array, ref THandler handler)
        where THandler : struct, IBinanceOpenOrderHandler
    {
        var reader = new Utf8JsonReader(array);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var order = default(BinanceOpenOrder);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("symbol"u8))
                    {
                        order.Symbol = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("clientOrderId"u8))
                    {
                        order.ClientOrderId = ReadText(ref reader);
                    }
                    else if (reader.ValueTextEquals("orderId"u8))
                    {
                        ReadLong(ref reader, out order.OrderId);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                if (order.Symbol.IsEmpty || order.ClientOrderId.IsEmpty)
                {
                    return false;
                }

                handler.OnOpenOrder(in order);
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the next value: its text when it is a string, otherwise empty (and skips it when it is an object or array).</summary>
    private static ReadOnlySpan<byte> ReadText(scoped ref Utf8JsonReader reader)
    {
        reader.Read();
        var text = reader.TokenType == JsonTokenType.String ? reader.ValueSpan : default;
        reader.Skip();
        return text;
    }

    /// <summary>Reads the next value: it when it is an integer, otherwise -1.</summary>
    private static void ReadLong(ref Utf8JsonReader reader, out long value)
    {
        reader.Read();
        value = -1;
        if (reader.TokenType == JsonTokenType.Number)
        {
            reader.TryGetInt64(out value);
        }
        else
        {
            reader.Skip();
        }
    }

    private static bool Parse<THandler>(ReadOnlySpan<byte> message, ref Utf8JsonReader reader, ref THandler handler)
        where THandler : struct, IBinanceAccountHandler
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var response = default(BinanceResponse);
        var isResponse = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                isResponse = true;
                if (reader.TokenType == JsonTokenType.String)
                {
                    ParseId(reader.ValueSpan, ref response);
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out response.Status))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // myTrades, openOrders.status: kept as bytes and read once the response's id and status are known.
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    response.ResultArray = message[start..(int)reader.BytesConsumed];
                }
                else
                {
                    ParseResult(ref reader, ref response);
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                ParseError(ref reader, ref response);
            }
            else if (reader.ValueTextEquals("rateLimits"u8))
            {
                reader.Read();
                ParseRateLimits(ref reader, ref response);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.StartObject && ParseEvent(ref reader, ref handler);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isResponse || response.Status == 0)
        {
            return false;
        }

        handler.OnResponse(in response);
        return true;
    }

    private static void ParseId(ReadOnlySpan<byte> id, ref BinanceResponse response)
    {
        if (id.Length >= 2 && Utf8Parser.TryParse(id[1..], out long number, out var consumed) && consumed == id.Length - 1)
        {
            response.RequestKind = id[0];
            response.RequestNumber = number;
        }
    }

    private static void ParseResult(ref Utf8JsonReader reader, ref BinanceResponse response)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("orderId"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    reader.TryGetInt64(out response.OrderId);
                }
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                response.OrderStatus = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("executedQty"u8))
            {
                response.ExecutedQuantity = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("cummulativeQuoteQty"u8))
            {
                response.CumulativeQuote = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals("newOrderResponse"u8))
            {
                // order.cancelReplace: the new order's id (the cancelResponse's orderId is the old one).
                reader.Read();
                ParseResult(ref reader, ref response);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ParseError(ref Utf8JsonReader reader, ref BinanceResponse response)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    reader.TryGetInt32(out response.ErrorCode);
                }
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    response.ErrorMessage = reader.ValueSpan;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ParseRateLimits(ref Utf8JsonReader reader, ref BinanceResponse response)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var orders = false;
            var weight = false;
            int limit = 0, count = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("rateLimitType"u8))
                {
                    reader.Read();
                    orders = reader.ValueTextEquals("ORDERS"u8);
                    weight = reader.ValueTextEquals("REQUEST_WEIGHT"u8);
                }
                else if (reader.ValueTextEquals("limit"u8))
                {
                    reader.Read();
                    reader.TryGetInt32(out limit);
                }
                else if (reader.ValueTextEquals("count"u8))
                {
                    reader.Read();
                    reader.TryGetInt32(out count);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (orders && limit > 0 && (response.OrdersLimit == 0 || (long)count * response.OrdersLimit > (long)response.OrdersCount * limit))
            {
                response.OrdersCount = count;
                response.OrdersLimit = limit;
            }
            else if (weight && limit > 0)
            {
                response.WeightCount = count;
                response.WeightLimit = limit;
            }
        }
    }

    private static bool ParseEvent<THandler>(ref Utf8JsonReader reader, ref THandler handler)
        where THandler : struct, IBinanceAccountHandler
    {
        var e = default(BinanceExecution);
        e.TradeId = -1;
        ReadOnlySpan<byte> type = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.Length != 1)
            {
                reader.Skip();
                continue;
            }

            var token = reader.TokenType;
            switch (name[0])
            {
                case (byte)'e':
                    type = reader.ValueSpan;
                    break;
                case (byte)'s':
                    e.Symbol = reader.ValueSpan;
                    break;
                case (byte)'c':
                    e.ClientOrderId = reader.ValueSpan;
                    break;
                case (byte)'C':
                    e.OriginalClientOrderId = token == JsonTokenType.String ? reader.ValueSpan : default;
                    break;
                case (byte)'S':
                    e.Side = reader.ValueSpan;
                    break;
                case (byte)'x':
                    e.ExecutionType = reader.ValueSpan;
                    break;
                case (byte)'X':
                    e.OrderStatus = reader.ValueSpan;
                    break;
                case (byte)'r':
                    e.RejectReason = reader.ValueSpan;
                    break;
                case (byte)'i':
                    if (token == JsonTokenType.Number)
                    {
                        reader.TryGetInt64(out e.OrderId);
                    }

                    break;
                case (byte)'l':
                    e.LastQuantity = reader.ValueSpan;
                    break;
                case (byte)'L':
                    e.LastPrice = reader.ValueSpan;
                    break;
                case (byte)'z':
                    e.CumulativeQuantity = reader.ValueSpan;
                    break;
                case (byte)'n':
                    e.Commission = token == JsonTokenType.String ? reader.ValueSpan : default;
                    break;
                case (byte)'N':
                    e.CommissionAsset = token == JsonTokenType.String ? reader.ValueSpan : default;
                    break;
                case (byte)'t':
                    if (token == JsonTokenType.Number)
                    {
                        reader.TryGetInt64(out e.TradeId);
                    }

                    break;
                case (byte)'m':
                    e.Maker = token == JsonTokenType.True;
                    break;
                case (byte)'E':
                    if (token == JsonTokenType.Number)
                    {
                        reader.TryGetInt64(out e.EventTime);
                    }

                    break;
                case (byte)'B' when token == JsonTokenType.StartArray:
                    ParseBalances(ref reader, ref handler);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (type.SequenceEqual("executionReport"u8))
        {
            if (e.ClientOrderId.IsEmpty || e.ExecutionType.IsEmpty)
            {
                return false;
            }

            handler.OnExecution(in e);
        }
        else if (!type.SequenceEqual("outboundAccountPosition"u8))
        {
            handler.OnOtherEvent(type);
        }

        return !type.IsEmpty;
    }

    private static void ParseBalances<THandler>(ref Utf8JsonReader reader, ref THandler handler)
        where THandler : struct, IBinanceAccountHandler
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadOnlySpan<byte> asset = default, free = default, locked = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAsset = reader.ValueTextEquals("a"u8);
                var isFree = reader.ValueTextEquals("f"u8);
                var isLocked = reader.ValueTextEquals("l"u8);
                reader.Read();
                if (isAsset)
                {
                    asset = reader.ValueSpan;
                }
                else if (isFree)
                {
                    free = reader.ValueSpan;
                }
                else if (isLocked)
                {
                    locked = reader.ValueSpan;
                }
                else
                {
                    reader.Skip();
                }
            }

            handler.OnBalance(asset, free, locked);
        }
    }
}
