using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The duty cycle of `velox engine --strategy mm`: polls md's events (books → strategy → risk → OMS → order commands
/// to og) and og's reports (→ engine → strategy), runs the strategy timer, and publishes the engine status and the
/// trading status four times a second. On stop: strategy stopped, cancel-all to og, bounded wait for the cancel acks,
/// journal flushed to disk.
/// </summary>
public sealed class EngineTradingLoop : EngineLoop
{
    private const int FragmentLimit = 256;
    private const long CancelAckWaitNanos = 2_000_000_000;

    private readonly EngineTrading _trading;
    private readonly Subscription _reports;
    private readonly ExclusivePublication _orders;
    private readonly ExclusivePublication _status;
    private readonly ExclusivePublication _tradingStatus;
    private MarketDataFragmentHandler<EngineTradingFeed> _feed;
    private OgReportHandler _reportHandler;
    private SubscriptionStatus _lastReports;

    public EngineTradingLoop(
        EngineTrading trading, Subscription marketData, Subscription reports, ExclusivePublication orders, ExclusivePublication status,
        ExclusivePublication tradingStatus)
        : base(marketData)
    {
        ArgumentNullException.ThrowIfNull(trading);
        _trading = trading;
        _reports = reports;
        _orders = orders;
        _status = status;
        _tradingStatus = tradingStatus;
        _feed = new MarketDataFragmentHandler<EngineTradingFeed>(new EngineTradingFeed(trading));
        _reportHandler = new OgReportHandler(trading);
    }

    /// <summary>Report-stream messages that did not decode.</summary>
    public long MalformedReports => _reportHandler.Malformed;

    /// <summary>One turn: market data, reports, timer, stream duties. Returns the work done.</summary>
    public override int Turn()
    {
        var work = MarketData.Poll(ref _feed, FragmentLimit) + _reports.Poll(ref _reportHandler, FragmentLimit);
        _trading.OnTimer(MonotonicClock.Now());
        return work + _orders.DoWork() + _status.DoWork() + _tradingStatus.DoWork();
    }

    /// <summary>Publishes the engine status and the trading status records.</summary>
    public override void PublishStatus()
    {
        Span<byte> record = stackalloc byte[EngineTradingStatus.Length];
        var books = _trading.Books;
        new EngineStatus(books.Events, books.BookLevels, books.Trades, books.Instruments, books.CountTops(), books.CountInSync(), MarketData.Status).Write(record);
        _status.Offer(record[..EngineStatus.Length]);
        _trading.Status((int)_reports.Status).Write(record);
        _tradingStatus.Offer(record);
    }

    /// <inheritdoc/>
    private protected override void StartWatchingReports() => _lastReports = _reports.Status;

    /// <inheritdoc/>
    private protected override void WatchReports(Action<string>? onStreamState) =>
        _lastReports = WatchReports(_reports, _lastReports, _trading.Publisher, "og", onStreamState);

    /// <inheritdoc/>
    private protected override void FlushJournal() => _trading.FlushJournal();

    /// <inheritdoc/>
    private protected override string Shutdown()
    {
        _trading.Running = false;
        var engine = _trading.Engine;
        var open = engine.Orders.OpenOrders;
        engine.CancelAll(InstrumentId.None);
        var cancelAllSent = open == 0 || _trading.Publisher.TrySendCancelAll(InstrumentId.None);
        var deadline = MonotonicClock.Now() + CancelAckWaitNanos;
        while (engine.Orders.OpenOrders > 0 && MonotonicClock.Now() < deadline)
        {
            if (!cancelAllSent)
            {
                cancelAllSent = _trading.Publisher.TrySendCancelAll(InstrumentId.None);
            }

            if (Turn() == 0)
            {
                Thread.Sleep(1);
            }
        }

        _trading.FlushJournal(toDisk: true);
        PublishStatus();
        return $"shutdown: {open} orders open when the strategy stopped, {engine.Orders.OpenOrders} still open{(cancelAllSent ? string.Empty : ", cancel-all not delivered to og")}; journal {_trading.JournalPath} ({_trading.JournalRecords:N0} records)";
    }
}
