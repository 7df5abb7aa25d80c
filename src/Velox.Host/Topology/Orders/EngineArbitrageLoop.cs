using System.Diagnostics;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;
using Velox.Strategies.Arbitrage;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The duty cycle of `velox engine --strategy arb`: polls md's events (books; then the strategy decides once per
/// changed book → risk → OMS → order commands to the og of each leg's venue) and both og's reports (→ engine →
/// strategy), runs the strategy timer, and publishes the engine status and the arbitrage status four times a second.
/// On stop: no new cycle, the one in flight finished (legs settled, a shortfall unwound), cancel-all to both og's,
/// bounded wait for the OMS to hold no open order, journal flushed to disk.
/// </summary>
public sealed class EngineArbitrageLoop
{
    private const int FragmentLimit = 256;
    private const long CancelAckWaitNanos = 3_000_000_000;
    private const long SettleNanos = 200_000_000;

    private readonly EngineArbitrage _arbitrage;
    private readonly Subscription _marketData;
    private readonly Subscription _bitfinexReports;
    private readonly Subscription _binanceReports;
    private readonly ExclusivePublication _bitfinexOrders;
    private readonly ExclusivePublication _binanceOrders;
    private readonly ExclusivePublication _status;
    private readonly ExclusivePublication _tradingStatus;
    private readonly Action<ArbitrageEvent>? _onRecoveryStep;
    private MarketDataFragmentHandler<EngineArbitrageFeed> _feed;
    private OgReportHandler _bitfinexHandler;
    private OgReportHandler _binanceHandler;

    public EngineArbitrageLoop(
        EngineArbitrage arbitrage, Subscription marketData, EngineArbitrageStreams streams, Action<ArbitrageEvent>? onRecoveryStep = null)
    {
        ArgumentNullException.ThrowIfNull(arbitrage);
        ArgumentNullException.ThrowIfNull(marketData);
        ArgumentNullException.ThrowIfNull(streams);
        _arbitrage = arbitrage;
        _marketData = marketData;
        _bitfinexReports = streams.BitfinexReports;
        _binanceReports = streams.BinanceReports;
        _bitfinexOrders = streams.BitfinexOrders;
        _binanceOrders = streams.BinanceOrders;
        _status = streams.Status;
        _tradingStatus = streams.TradingStatus;
        _onRecoveryStep = onRecoveryStep;
        _feed = new MarketDataFragmentHandler<EngineArbitrageFeed>(new EngineArbitrageFeed(arbitrage));
        _bitfinexHandler = new OgReportHandler(arbitrage, arbitrage.Bitfinex);
        _binanceHandler = new OgReportHandler(arbitrage, arbitrage.Binance);
    }

    /// <summary>Report-stream messages that did not decode (both og's).</summary>
    public long MalformedReports => _bitfinexHandler.Malformed + _binanceHandler.Malformed;

    /// <summary>One turn: market data (then the decisions), reports, timer, strategy events, stream duties. Returns the work done.</summary>
    public int Turn()
    {
        var work = _marketData.Poll(ref _feed, FragmentLimit);
        work += _arbitrage.FlushBooks();
        work += _bitfinexReports.Poll(ref _bitfinexHandler, FragmentLimit) + _binanceReports.Poll(ref _binanceHandler, FragmentLimit);
        _arbitrage.OnTimer(MonotonicClock.Now());
        work += _arbitrage.DrainEvents(_onRecoveryStep);
        return work + _bitfinexOrders.DoWork() + _binanceOrders.DoWork() + _status.DoWork() + _tradingStatus.DoWork();
    }

    /// <summary>Runs until <paramref name="stop"/>, then shuts down; returns the shutdown line. <paramref name="onStreamState"/> hears md's and the og's stream changes.</summary>
    public string Run(CancellationToken stop, Action<string>? onStreamState = null)
    {
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var interval = Stopwatch.Frequency * TopologyStreams.StatusIntervalMillis / 1000;
        var nextStatus = Stopwatch.GetTimestamp();
        var lastState = _marketData.Status;
        var lastBitfinex = _bitfinexReports.Status;
        var lastBinance = _binanceReports.Status;
        while (!stop.IsCancellationRequested)
        {
            idle.Idle(Turn());
            var now = Stopwatch.GetTimestamp();
            if (now >= nextStatus)
            {
                nextStatus = now + interval;
                if (_marketData.Status != lastState)
                {
                    lastState = _marketData.Status;
                    onStreamState?.Invoke($"market-data stream {lastState}");
                }

                lastBitfinex = Watch(_bitfinexReports, lastBitfinex, _arbitrage.Bitfinex, "bitfinex", onStreamState);
                lastBinance = Watch(_binanceReports, lastBinance, _arbitrage.Binance, "binance", onStreamState);
                PublishStatus();
                _arbitrage.FlushJournal();
            }
        }

        return Shutdown();
    }

    /// <summary>Publishes the engine status and the arbitrage status records.</summary>
    public void PublishStatus()
    {
        Span<byte> record = stackalloc byte[EngineArbitrageStatus.Length];
        var books = _arbitrage.Books;
        new EngineStatus(books.Events, books.BookLevels, books.Trades, books.Instruments, books.CountTops(), books.CountInSync(), _marketData.Status).Write(record);
        _status.Offer(record[..EngineStatus.Length]);
        _arbitrage.Status((int)_bitfinexReports.Status, (int)_binanceReports.Status).Write(record);
        _tradingStatus.Offer(record);
    }

    private static SubscriptionStatus Watch(Subscription reports, SubscriptionStatus last, OrderCommandPublisher publisher, string venue, Action<string>? onStreamState)
    {
        if (reports.Status == last)
        {
            return last;
        }

        onStreamState?.Invoke($"og {venue} report stream {reports.Status}");
        if (reports.Status is SubscriptionStatus.PublisherDead or SubscriptionStatus.EndOfStream)
        {
            // That og is gone: no leg can reach its venue, so the strategy stops deciding until it is back.
            publisher.OgReady = false;
        }

        return reports.Status;
    }

    private string Shutdown()
    {
        _arbitrage.Running = false;
        var engine = _arbitrage.Engine;
        var finishBy = MonotonicClock.Now() + CancelAckWaitNanos;
        while (_arbitrage.InCycle && MonotonicClock.Now() < finishBy)
        {
            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        var inCycle = _arbitrage.InCycle;
        var open = engine.Orders.OpenOrders;
        engine.CancelAll(InstrumentId.None);
        var sink = _arbitrage.Sink;
        var cancelAllSent = sink.TrySendCancelAll(InstrumentId.None);
        var deadline = MonotonicClock.Now() + CancelAckWaitNanos;
        while (engine.Orders.OpenOrders > 0 && MonotonicClock.Now() < deadline)
        {
            cancelAllSent = cancelAllSent || sink.TrySendCancelAll(InstrumentId.None);
            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        // Let the last reports (cancel confirmations, late fills) land before the journal closes.
        var settle = MonotonicClock.Now() + SettleNanos;
        while (MonotonicClock.Now() < settle)
        {
            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        _arbitrage.FlushJournal(toDisk: true);
        PublishStatus();
        return $"shutdown: {(inCycle ? "a cycle still in flight, " : string.Empty)}{open} orders open when the strategy stopped, {engine.Orders.OpenOrders} still open{(cancelAllSent ? string.Empty : ", cancel-all not delivered to both og's")}, exposure {_arbitrage.Host.Strategy.Exposure / 1e8:0.########} BTC; journal {_arbitrage.JournalPath} ({_arbitrage.JournalRecords:N0} records)";
    }
}

/// <summary>The arbitrage engine's IPC streams besides market data: orders to and reports from each og, and the two status records.</summary>
public sealed record EngineArbitrageStreams(
    ExclusivePublication BitfinexOrders, Subscription BitfinexReports, ExclusivePublication BinanceOrders, Subscription BinanceReports,
    ExclusivePublication Status, ExclusivePublication TradingStatus);
