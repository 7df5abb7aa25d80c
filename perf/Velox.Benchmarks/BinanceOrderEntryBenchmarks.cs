using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Trading;

namespace Velox.Benchmarks;

/// <summary>
/// Binance order entry: encoding + HMAC-SHA256 signing a WebSocket API request into a preallocated buffer (the
/// cost between a risk-passed order and the send) and parsing what comes back (an executionReport trade, an
/// order.place ACK response).
/// </summary>
[MemoryDiagnoser]
public class BinanceOrderEntryBenchmarks
{
    private const int Operations = 10_000;

    private static readonly byte[] Key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"u8.ToArray();

    private static readonly byte[] Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"u8.ToArray();

    private static readonly byte[] Trade =
        """{"subscriptionId":0,"event":{"e":"executionReport","E":1499405658658,"s":"BTCUSDT","c":"vx3298534883329","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"52000.00000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":4293153,"l":"0.00100000","z":"0.00100000","L":"52000.00000000","n":"0.05200000","N":"USDT","T":1499405658657,"t":77,"I":8641984,"w":false,"m":true,"M":true,"O":1499405658657,"Z":"52.00000000","Y":"52.00000000","Q":"0.00000000","W":1499405658657,"V":"NONE"}}"""u8.ToArray();

    private static readonly byte[] PlaceAck =
        """{"id":"p3298534883329","status":200,"result":{"symbol":"BTCUSDT","orderId":12569099453,"orderListId":-1,"clientOrderId":"vx3298534883329","transactTime":1660801715639},"rateLimits":[{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":50,"count":1},{"rateLimitType":"ORDERS","interval":"DAY","intervalNum":1,"limit":160000,"count":1},{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":1}]}"""u8.ToArray();

    private readonly byte[] _buffer = new byte[1024];

    [Benchmark(OperationsPerInvoke = Operations)]
    public int EncodeSignedPlace()
    {
        var total = 0;
        for (var i = 0; i < Operations; i++)
        {
            BinanceOrderEncoder.TryWritePlace(
                _buffer, Key, Secret, (3L << 40) + i, "BTCUSDT"u8, Side.Bid, OrderType.Limit, TimeInForce.GoodTillCancel,
                new Price(5_200_000 + i), 2, new Quantity(100_000), 8, 1645423376532 + i, 5000, out var written);
            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int EncodeSignedCancel()
    {
        var total = 0;
        for (var i = 0; i < Operations; i++)
        {
            BinanceOrderEncoder.TryWriteCancel(_buffer, Key, Secret, (3L << 40) + i, 0, "BTCUSDT"u8, 1645423376532 + i, 5000, out var written);
            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ParseExecutionReportTrade() => Parse(Trade);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ParsePlaceAck() => Parse(PlaceAck);

    private static long Parse(byte[] message)
    {
        var handler = default(Counter);
        for (var i = 0; i < Operations; i++)
        {
            if (!BinanceAccountParser.TryParse(message, ref handler))
            {
                handler.Sum--;
            }
        }

        return handler.Sum;
    }

    private struct Counter : IBinanceAccountHandler
    {
        public long Sum;

        public void OnResponse(in BinanceResponse response) => Sum += response.OrderId;

        public void OnExecution(in BinanceExecution execution) => Sum += execution.TradeId;

        public void OnBalance(ReadOnlySpan<byte> asset, ReadOnlySpan<byte> free, ReadOnlySpan<byte> locked) => Sum++;

        public void OnOtherEvent(ReadOnlySpan<byte> eventType) => Sum++;
    }
}
