using BenchmarkDotNet.Attributes;
using Velox.Core;
using Velox.Core.Numerics;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Trading;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Benchmarks;

/// <summary>
/// Bitfinex order entry: encoding an order frame into a preallocated buffer (the cost between a risk-passed
/// order and the WebSocket send) and splitting + parsing the account messages that come back.
/// </summary>
[MemoryDiagnoser]
public class BitfinexOrderEntryBenchmarks
{
    private const int Operations = 10_000;

    private static readonly byte[] TradeUpdate =
        """[0,"tu",[402088407,"tBTCUSD",1574963975602,34938060782,-0.2,7804.6,"EXCHANGE LIMIT",7804.6,-1,-0.061668,"USD",1575287436979]]"""u8.ToArray();

    private static readonly byte[] OrderNotification =
        """[0,"n",[1575287438515,"on-req",null,null,[1185815098,null,1575287436979,"tBTCUSD",1575287438515,1575287438515,-2.5,-2.5,"EXCHANGE LIMIT",null,null,null,0,"ACTIVE",null,null,7804.6,0,0,0,null,null,null,0,0,null,null,null,"API>BFX",null,null,null],null,"SUCCESS","Submitting exchange limit sell order for -2.5 BTC."]]"""u8.ToArray();

    private readonly byte[] _buffer = new byte[512];

    [Benchmark(OperationsPerInvoke = Operations)]
    public int EncodeNewOrder()
    {
        var total = 0;
        for (var i = 0; i < Operations; i++)
        {
            BitfinexOrderEncoder.TryWriteNew(
                _buffer, 1575287436979 + i, "tBTCUSD"u8, OrderType.PostOnly, TimeInForce.GoodTillCancel, OrderFlags.None,
                Side.Ask, new Price(78_046_000 + i), 4, new Quantity(50_000_000), 8, out var written);
            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int EncodeCancel()
    {
        var total = 0;
        for (var i = 0; i < Operations; i++)
        {
            BitfinexOrderEncoder.TryWriteCancel(_buffer, 1185815098 + i, out var written);
            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ParseTradeUpdate() => Parse(TradeUpdate);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long ParseOrderNotification() => Parse(OrderNotification);

    private static long Parse(byte[] frame)
    {
        var handler = default(Counter);
        for (var i = 0; i < Operations; i++)
        {
            BitfinexAccountParser.TrySplit(frame, out var split, out _);
            BitfinexAccountParser.TryDispatch(in split, ref handler, out _);
        }

        return handler.Sum;
    }

    private struct Counter : IBitfinexAccountHandler
    {
        public long Sum;

        public void OnNotification(in BitfinexNotification notification) => Sum += notification.Order.Id;

        public void OnOrder(AccountMessageKind kind, in BitfinexOrder order) => Sum += order.Id;

        public void OnOrderSnapshotEnd(int count) => Sum += count;

        public void OnTrade(in BitfinexTrade trade, bool update) => Sum += trade.Id;

        public void OnWallet(in BitfinexWalletEntry wallet, bool snapshot) => Sum += wallet.Balance.Length;
    }
}
