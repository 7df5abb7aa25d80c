using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;
using Velox.Strategies.Arbitrage;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The duty cycle of `velox engine --strategy arb`: polls md's events (books; at md's batch ends the strategy decides
/// once per changed book → risk → OMS → order commands to the og of each leg's venue) and both og's reports (→ engine →
/// strategy), runs the strategy timer, and publishes the engine status and the arbitrage status four times a second.
/// On stop: no new cycle, the one in flight finished (legs settled, a shortfall unwound), cancel-all to both og's,
/// bounded wait for the OMS to hold no open order, journal flushed to disk.
/// </summary>
public sealed class EngineArbitrageLoop : EngineLoop
{
    private const int FragmentLimit = 256;
    private const long CancelAckWaitNanos = 3_000_000_000;
    private const long SettleNanos = 200_000_000;

    private readonly EngineArbitrage _arbitrage;
    private readonly Subscription _bitfinexReports;
    private readonly Subscription _binanceReports;
    private readonly ExclusivePublication _bitfinexOrders;
    private readonly ExclusivePublication _binanceOrders;
    private readonly ExclusivePublication _status;
    private readonly ExclusivePublication _tradingStatus;
    private readonly Action<ArbitrageEvent>? _onRecoveryStep;
    private MarketDataBatchFragmentHandler<EngineArbitrageFeed> _feed;
    private OgReportHandler _bitfinexHandler;
    private OgReportHandler _binanceHandler;
    private SubscriptionStatus _lastBitfinex;
    private SubscriptionStatus _lastBinance;

    public EngineArbitrageLoop(
        EngineArbitrage arbitrage, Subscription marketData, EngineArbitrageStreams streams, Action<ArbitrageEvent>? onRecoveryStep = null)
        : base(marketData)
    {
        ArgumentNullException.ThrowIfNull(arbitrage);
        ArgumentNullException.ThrowIfNull(streams);
        _arbitrage = arbitrage;
        _bitfinexReports = streams.BitfinexReports;
        _binanceReports = streams.BinanceReports;
        _bitfinexOrders = streams.BitfinexOrders;
        _binanceOrders = streams.BinanceOrders;
        _status = streams.Status;
        _tradingStatus = streams.TradingStatus;
        _onRecoveryStep = onRecoveryStep;
        _feed = new MarketDataBatchFragmentHandler<EngineArbitrageFeed>(new EngineArbitrageFeed(arbitrage));
        _bitfinexHandler = new OgReportHandler(arbitrage, arbitrage.Bitfinex);
        _binanceHandler = new OgReportHandler(arbitrage, arbitrage.Binance);
    }

    /// <summary>Report-stream messages that did not decode (both og's).</summary>
    public long MalformedReports => _bitfinexHandler.Malformed + _binanceHandler.Malformed;

    /// <summary>One turn: market data (and the decisions at its batch ends), reports, timer, strategy events, stream duties. Returns the work done.</summary>
    public override int Turn()
    {
        // The decisions happen inside the poll, at md's batch ends; a poll that ends mid-batch leaves the book undecided.
        var work = MarketData.Poll(ref _feed, FragmentLimit);
        work += _bitfinexReports.Poll(ref _bitfinexHandler, FragmentLimit) + _binanceReports.Poll(ref _binanceHandler, FragmentLimit);
        _arbitrage.OnTimer(MonotonicClock.Now());
        work += _arbitrage.DrainEvents(_onRecoveryStep);
        return work + _bitfinexOrders.DoWork() + _binanceOrders.DoWork() + _status.DoWork() + _tradingStatus.DoWork();
    }

    /// <summary>Publishes the engine status and the arbitrage status records.</summary>
    public override void PublishStatus()
    {
        Span<byte> record = stackalloc byte[EngineArbitrageStatus.Length];
        var books = _arbitrage.Books;
        new EngineStatus(books.Events, books.BookLevels, books.Trades, books.Instruments, books.CountTops(), books.CountInSync(), MarketData.Status).Write(record);
        _status.Offer(record[..EngineStatus.Length]);
        _arbitrage.Status((int)_bitfinexReports.Status, (int)_binanceReports.Status).Write(record);
        _tradingStatus.Offer(record);
    }

    /// <inheritdoc/>
    private protected override void StartWatchingReports()
    {
        _lastBitfinex = _bitfinexReports.Status;
        _lastBinance = _binanceReports.Status;
    }

    /// <inheritdoc/>
    private protected override void WatchReports(Action<string>? onStreamState)
    {
        _lastBitfinex = WatchReports(_bitfinexReports, _lastBitfinex, _arbitrage.Bitfinex, "og bitfinex", onStreamState);
        _lastBinance = WatchReports(_binanceReports, _lastBinance, _arbitrage.Binance, "og binance", onStreamState);
    }

    /// <inheritdoc/>
    private protected override void FlushJournal() => _arbitrage.FlushJournal();

    /// <inheritdoc/>
    private protected override string Shutdown()
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
