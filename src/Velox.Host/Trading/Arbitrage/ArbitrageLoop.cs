using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.MarketData.Sync;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Trading;
using Velox.Trading.Orders;
using Velox.Venues.Binance.Connection;
using Velox.Venues.Binance.Session;
using Velox.Venues.Binance.Trading;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// The one market-data thread of an arbitrage run: each duty cycle polls the Bitfinex connector (market data and
/// the account channel on the same connection), the Binance market-data connector and the Binance WebSocket API
/// gateway (responses and user data), drains the dry-run venue, runs the strategy timer (leg timeouts, unwinds,
/// kill switch) and collects the strategy's events. The strategy starts deciding once both gateways are ready. A
/// dropped Binance order connection is reconnected by its gateway, which reconciles the orders in flight (order.status)
/// before it is ready again. Shutdown on the
/// same thread: no new cycle, the one in flight finished (legs settled, shortfall unwound), cancel-all on both venues, bounded wait for the OMS to be flat of open orders,
/// journal flushed, connections closed.
/// </summary>
public sealed class ArbitrageLoop<TSink> : TradingLoopBase
    where TSink : struct, IOrderSink
{
    private const long CancelAckWaitNanos = 3_000_000_000;
    private const int EventBacklog = 256;

    private readonly BitfinexConnector<ArbitrageFeed<TSink>> _bitfinex;
    private readonly BinanceConnector<ArbitrageFeed<TSink>> _binance;
    private readonly ArbitrageDesk<TSink> _desk;
    private readonly TradingEngine _engine;
    private readonly TSink _sink;
    private readonly DryRunVenue? _venue;
    private readonly BitfinexOrderGateway? _bitfinexGateway;
    private readonly BinanceOrderGateway? _binanceGateway;
    private readonly Instrument _a;
    private readonly Instrument _b;
    private readonly BitfinexSubscription _bitfinexBook;
    private readonly BinanceSymbol _binanceSymbol;
    private readonly Lock _lock = new();
    private readonly Queue<ArbitrageEvent> _events = new(EventBacklog);
    private readonly long[] _openAtStop;
    private ArbitrageSnapshot _snapshot;
    private long _recovered;
    private bool _finishing;

    public ArbitrageLoop(
        BitfinexConnector<ArbitrageFeed<TSink>> bitfinex, BinanceConnector<ArbitrageFeed<TSink>> binance, ArbitrageDesk<TSink> desk, TradingEngine engine, TSink sink,
        Instrument bitfinexInstrument, Instrument binanceInstrument, BitfinexSubscription bitfinexBook, BinanceSymbol binanceSymbol, DryRunVenue? venue,
        BitfinexOrderGateway? bitfinexGateway, BinanceOrderGateway? binanceGateway)
    {
        _bitfinex = bitfinex;
        _binance = binance;
        _desk = desk;
        _engine = engine;
        _sink = sink;
        _a = bitfinexInstrument;
        _b = binanceInstrument;
        _bitfinexBook = bitfinexBook;
        _binanceSymbol = binanceSymbol;
        _venue = venue;
        _bitfinexGateway = bitfinexGateway;
        _binanceGateway = binanceGateway;
        _openAtStop = new long[engine.Orders.Capacity];
    }

    /// <summary>Unwound events seen (recoveries that ended flat).</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    /// <summary>True when both venues take orders (dry run: always).</summary>
    public bool GatewaysReady =>
        _venue is not null || (_bitfinexGateway?.State == BitfinexGatewayState.Ready && _binanceGateway?.State == BinanceGatewayState.Ready);

    public override TradingSnapshot Take() => TakeArbitrage().Trading;

    /// <summary>The latest published status (any thread).</summary>
    public ArbitrageSnapshot TakeArbitrage()
    {
        lock (_lock)
        {
            return _snapshot;
        }
    }

    /// <summary>Takes the strategy events collected since the last call, oldest first (any thread).</summary>
    public int DrainEvents(List<ArbitrageEvent> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            var n = _events.Count;
            while (_events.TryDequeue(out var e))
            {
                into.Add(e);
            }

            return n;
        }
    }

    public override void Run(CancellationToken stop)
    {
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var publishEvery = 250_000_000L;
        var nextPublish = MonotonicClock.Now() + publishEvery;
        while (!stop.IsCancellationRequested)
        {
            var work = Turn();
            if (!_desk.Trading && GatewaysReady)
            {
                _desk.Trading = true;
            }

            var now = MonotonicClock.Now();
            if (now >= nextPublish)
            {
                Publish();
                _engine.FlushJournal();
                nextPublish = now + publishEvery;
            }

            idle.Idle(work);
        }

        Shutdown();
    }

    private int Turn()
    {
        var work = _bitfinex.DoWork();
        work += _desk.FlushBooks();
        work += _binance.DoWork();
        work += _desk.FlushBooks();
        if (_binanceGateway is not null)
        {
            work += _binanceGateway.DoWork();
        }

        if (_venue is not null)
        {
            var reports = new ArbitrageReports<TSink>(_desk);
            work += _venue.DrainReports(ref reports);
            while (_venue.Commands.TryRead(out _))
            {
                work++;
            }
        }

        if (_desk.Trading || (_finishing && _desk.Host.Strategy.State is ArbitrageState.OpportunityFound or ArbitrageState.Executing or ArbitrageState.Recovering))
        {
            _desk.Host.OnTimer(MonotonicClock.Now());
        }

        var events = _desk.Host.Strategy.Events;
        if (events.Count > 0)
        {
            lock (_lock)
            {
                while (events.TryRead(out var e))
                {
                    if (e.Kind == ArbitrageEventKind.Unwound)
                    {
                        Interlocked.Increment(ref _recovered);
                    }

                    if (_events.Count == EventBacklog)
                    {
                        _events.Dequeue();
                    }

                    _events.Enqueue(e);
                    work++;
                }
            }
        }

        return work;
    }

    private void Shutdown()
    {
        Publish();
        _desk.Trading = false;

        // A cycle in flight is finished first (legs settle, a shortfall is unwound) so the run does not stop with an exposure open.
        _finishing = true;
        var finishBy = MonotonicClock.Now() + CancelAckWaitNanos;
        while (_desk.Host.Strategy.State is ArbitrageState.OpportunityFound or ArbitrageState.Executing or ArbitrageState.Recovering && MonotonicClock.Now() < finishBy)
        {
            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        _finishing = false;
        var open = 0;
        foreach (var instrument in (ReadOnlySpan<InstrumentId>)[_a.Id, _b.Id])
        {
            for (var slot = _engine.Orders.FirstOpen(instrument); slot >= 0; slot = _engine.Orders.NextOpen(slot))
            {
                _openAtStop[open++] = _engine.Orders[slot].ClientOrderId;
            }
        }

        _engine.CancelAll(InstrumentId.None);
        var cancelAllSent = _sink.TrySendCancelAll(InstrumentId.None);
        var deadline = MonotonicClock.Now() + CancelAckWaitNanos;
        while (_engine.Orders.OpenOrders > 0 && MonotonicClock.Now() < deadline)
        {
            if (!cancelAllSent)
            {
                cancelAllSent = _sink.TrySendCancelAll(InstrumentId.None);
            }

            if (Turn() == 0)
            {
                Thread.Yield();
            }
        }

        // Let the last reports (cancel confirmations, late fills) land before the books close.
        var settle = MonotonicClock.Now() + 200_000_000;
        while (MonotonicClock.Now() < settle)
        {
            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        var cancelled = 0;
        for (var i = 0; i < open; i++)
        {
            if (_engine.Orders.TryGet(_openAtStop[i], out var order) && order.State == OrderState.Cancelled)
            {
                cancelled++;
            }
        }

        _engine.FlushJournal(toDisk: true);
        Publish();
        _bitfinex.Stop();
        _binance.Stop();
        _binanceGateway?.Dispose();
        Stop = new ShutdownReport(open, cancelled, _engine.Orders.OpenOrders, cancelAllSent);
    }

    private void Publish()
    {
        var positions = _engine.Positions;
        var histogram = _desk.TickToTrade.Histogram;
        var counters = _desk.Counters;
        var router = _desk.Host.Router;
        var strategy = _desk.Host.Strategy;
        var pnlA = Pnl(_a, _bitfinexBook.Book);
        var pnlB = Pnl(_b, _binanceSymbol.Depth?.Book);
        var realized = ToDecimal(positions.NetRealizedPnl(_a.Id), positions.NotionalScale(_a.Id)) + ToDecimal(positions.NetRealizedPnl(_b.Id), positions.NotionalScale(_b.Id));
        var trading = new TradingSnapshot
        {
            Frames = _bitfinex.Session.Stats.Frames + _binance.Session.Stats.Frames,
            BookInSync = _bitfinexBook.State == BookSyncState.InSync && _binanceSymbol.Depth?.State == BookSyncState.InSync,
            Ready = GatewaysReady,
            OrdersSent = router.OrdersSent,
            Acked = counters.Count(Velox.Trading.Oms.ExecType.Ack),
            Rejected = counters.Count(Velox.Trading.Oms.ExecType.Reject),
            Fills = counters.Count(Velox.Trading.Oms.ExecType.Fill),
            CancelAcks = counters.Count(Velox.Trading.Oms.ExecType.CancelAck),
            Expired = counters.Count(Velox.Trading.Oms.ExecType.Expire),
            RiskRejects = router.RiskRejects,
            OpenOrders = _engine.Orders.OpenOrders,
            Position = ToDecimal(positions[_a.Id].Quantity.Raw + positions[_b.Id].Quantity.Raw, _a.SizeScale),
            RealizedPnl = realized,
            UnrealizedPnl = pnlA + pnlB - realized,
            SequenceGaps = _bitfinex.Session.Stats.SequenceGaps + _binance.Session.Stats.Gaps,
            Errors = _bitfinex.Session.Stats.Errors + _binance.Session.Stats.Errors,
            KillSwitch = _engine.KillSwitch.IsEngaged,
            TickToTradeCount = histogram.Count,
            TickToTradeP50 = histogram.ValueAtPercentile(50),
            TickToTradeP99 = histogram.ValueAtPercentile(99),
            TickToTradeP999 = histogram.ValueAtPercentile(99.9),
            TickToTradeMax = histogram.Max,
        };
        var snapshot = new ArbitrageSnapshot
        {
            Trading = trading,
            BitfinexInSync = _bitfinexBook.State == BookSyncState.InSync,
            BinanceInSync = _binanceSymbol.Depth?.State == BookSyncState.InSync,
            BitfinexFills = _desk.Fills(_a.Id),
            BinanceFills = _desk.Fills(_b.Id),
            BitfinexPosition = ToDecimal(positions[_a.Id].Quantity.Raw, _a.SizeScale),
            BinancePosition = ToDecimal(positions[_b.Id].Quantity.Raw, _b.SizeScale),
            BitfinexPnl = pnlA,
            BinancePnl = pnlB,
            State = strategy.State,
            Opportunities = strategy.Opportunities,
            Completed = strategy.Completed,
            Failed = strategy.Failures,
            Recoveries = strategy.Recoveries,
            Recovered = Recovered,
            UnwindsSent = strategy.UnwindsSent,
            Exposure = strategy.Exposure,
            IllegalTransitions = strategy.Machine.IllegalTransitions,
        };
        lock (_lock)
        {
            _snapshot = snapshot;
        }
    }

    /// <summary>Realized plus unrealized PnL of one instrument, marked at its book's mid when the book has both sides.</summary>
    private decimal Pnl(Instrument instrument, Velox.MarketData.Books.L2Book? book)
    {
        var positions = _engine.Positions;
        var scale = positions.NotionalScale(instrument.Id);
        var pnl = ToDecimal(positions.NetRealizedPnl(instrument.Id), scale);
        if (book is not null && book.Bids.Count > 0 && book.Asks.Count > 0)
        {
            pnl += ToDecimal(positions.UnrealizedPnl(instrument.Id, new Price((book.Bids.Best.Price + book.Asks.Best.Price) / 2)), scale);
        }

        return pnl;
    }

    private static decimal ToDecimal(Int128 raw, int scale) => (decimal)raw / (decimal)FixedPoint.Pow10(scale);
}

/// <summary>Hands the dry-run venue's synthetic reports to the arbitrage desk.</summary>
public readonly struct ArbitrageReports<TSink> : IExecutionReportHandler
    where TSink : struct, IOrderSink
{
    private readonly ArbitrageDesk<TSink> _desk;

    public ArbitrageReports(ArbitrageDesk<TSink> desk) => _desk = desk;

    public void OnExecutionReport(in Velox.Trading.Oms.ExecutionReport report) => _desk.OnUnappliedReport(report);
}
