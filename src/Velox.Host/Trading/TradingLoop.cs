using Velox.Admin.Trading;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Host.Admin;
using Velox.Ipc.Agents;
using Velox.Ipc.Platform;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading;

/// <summary>
/// The market-data thread of a trading run: one duty cycle polls the connector (market data → strategy → risk
/// → OMS → order bytes; account frames → engine → strategy), drains the dry-run venue's reports, runs the
/// strategy timer (kill switch and HALT become a cancel-all here, within one cycle) and publishes the status a
/// few times a second. Shutdown runs on the same thread: strategy stopped, cancel-all, bounded wait for the
/// cancel acks, journal flushed to disk, WebSocket closed with a close frame.
/// </summary>
public sealed class TradingLoop<TSink> : TradingLoopBase
    where TSink : struct, IOrderSink
{
    private const int SpinAndYieldTurns = 400;
    private const long PublishEveryNanos = 250_000_000;
    private static readonly long CancelAckWaitNanos = 2_000_000_000;
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(1);

    private readonly BitfinexConnector<TradingFeed<TSink>> _connector;
    private readonly TradingDesk<TSink> _desk;
    private readonly TradingEngine _engine;
    private readonly TSink _sink;
    private readonly DryRunVenue? _venue;
    private readonly BitfinexOrderGateway? _gateway;
    private readonly Instrument _instrument;
    private readonly BitfinexSubscription _book;
    private readonly RunAdmin<TradingFeed<TSink>>? _admin;
    private readonly TradingMetrics? _metrics;
    private readonly Lock _lock = new();
    private readonly long[] _openAtStop;
    private TradingSnapshot _snapshot;
    private long _allocationStartFrames = -1;
    private long _allocationStartBytes;
    private long _allocationStartOrders;
    private bool _stopping;

    public TradingLoop(
        BitfinexConnector<TradingFeed<TSink>> connector, TradingDesk<TSink> desk, TradingEngine engine, TSink sink, Instrument instrument,
        BitfinexSubscription book, DryRunVenue? venue, BitfinexOrderGateway? gateway, RunAdmin<TradingFeed<TSink>>? admin, TradingMetrics? metrics)
    {
        _connector = connector;
        _desk = desk;
        _engine = engine;
        _sink = sink;
        _instrument = instrument;
        _book = book;
        _venue = venue;
        _gateway = gateway;
        _admin = admin;
        _metrics = metrics;
        _openAtStop = new long[engine.Orders.Capacity];
    }

    public BitfinexConnector<TradingFeed<TSink>> Connector => _connector;

    /// <summary>Optional, set before <see cref="Run"/>: the md thread pins itself and busy-polls (<c>cpus.md</c>); null waits on the socket when idle.</summary>
    public BusyPollPlan? BusyPoll { get; set; }

    /// <summary>Optional, set before <see cref="Run"/>: the strategy trades only once this completed.</summary>
    public StartupReconciliation? Reconciliation { get; set; }

    public override TradingSnapshot Take()
    {
        lock (_lock)
        {
            return _snapshot;
        }
    }

    public override void Run(CancellationToken stop)
    {
        if (BusyPoll is { } plan)
        {
            PinError = ThreadScheduling.PinCurrentThread(plan.Cpu);
            RunBusy(plan, stop);
            return;
        }

        // Spin, then yield, then wait up to 1 ms for the socket to have bytes (park when there is no connection): the
        // kernel wakes the thread when a frame arrives, without owning a core of a small box.
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var idleTurns = 0;
        var nextPublish = MonotonicClock.Now() + PublishEveryNanos;
        while (!stop.IsCancellationRequested)
        {
            var work = Turn();
            var now = MonotonicClock.Now();
            PublishIfDue(now, ref nextPublish);
            if (work > 0 || idleTurns < SpinAndYieldTurns)
            {
                idleTurns = work > 0 ? 0 : idleTurns + 1;
                idle.Idle(work);
            }
            else if (!_connector.WaitForFrames(IdleWait))
            {
                idle.Idle(0);
            }
        }

        Shutdown();
    }

    /// <summary>
    /// The busy-poll duty cycle: no park and no poll() while spinning, so frames are read the moment they arrive
    /// and the decision path stays in this core's caches. At the end of each window the thread waits on its socket
    /// for the plan's wait share (a real-time thread under RT throttling). Taking that wait right after a decision
    /// that sent an order instead was measured worse: decisions cluster, a quarter of the samples fell into it.
    /// </summary>
    private void RunBusy(BusyPollPlan plan, CancellationToken stop)
    {
        var breakdown = _desk.TickToTrade.Breakdown;
        if (breakdown is not null)
        {
            breakdown.Waiting = false;
        }

        var nextPublish = MonotonicClock.Now() + PublishEveryNanos;
        var windowStart = MonotonicClock.Now();
        while (!stop.IsCancellationRequested)
        {
            var work = Turn();
            var now = MonotonicClock.Now();
            PublishIfDue(now, ref nextPublish);
            if (now - windowStart >= plan.SpinNanos)
            {
                if (plan.WaitNanos > 0)
                {
                    WaitOnSocket(windowStart + plan.PeriodNanos - now, breakdown, stop);
                }

                windowStart = MonotonicClock.Now();
                continue;
            }

            if (work == 0)
            {
                Thread.SpinWait(1);
            }
        }

        Shutdown();
    }

    /// <summary>Waits on the socket for <paramref name="nanos"/> (giving the CPU away), handling what arrives meanwhile.</summary>
    private void WaitOnSocket(long nanos, LatencyBreakdown? breakdown, CancellationToken stop)
    {
        if (breakdown is not null)
        {
            breakdown.Waiting = true;
        }

        var until = MonotonicClock.Now() + nanos;
        for (var now = MonotonicClock.Now(); now < until && !stop.IsCancellationRequested; now = MonotonicClock.Now())
        {
            if (Turn() == 0 && !_connector.WaitForFrames(TimeSpan.FromTicks(Math.Max(1, (until - now) / 100))))
            {
                ThreadScheduling.SleepNanos(until - now);
            }
        }

        if (breakdown is not null)
        {
            breakdown.Waiting = false;
        }
    }

    /// <summary>A few times a second: the status snapshot is published and the journal flushed.</summary>
    private void PublishIfDue(long now, ref long nextPublish)
    {
        if (now >= nextPublish)
        {
            Publish();
            _engine.FlushJournal();
            nextPublish = now + PublishEveryNanos;
        }
    }

    private int Turn()
    {
        var work = _connector.DoWork();
        if (Reconciliation is { } reconciliation && !_stopping && reconciliation.Poll())
        {
            _desk.StartTrading(_instrument.Id);
            work++;
        }

        work += _desk.DecidePending();
        if (_venue is not null)
        {
            var reports = new DeskReports<TSink>(_desk);
            work += _venue.DrainReports(ref reports);
            while (_venue.Commands.TryRead(out _))
            {
                work++;
            }
        }

        if (_desk.Running)
        {
            work += _desk.BreakerFeed?.Poll() ?? 0;
            _desk.Host.OnTimer(MonotonicClock.Now());
        }

        if (AllocationFrames > 0)
        {
            TrackAllocation();
        }

        return work;
    }

    private void TrackAllocation()
    {
        var frames = _connector.Session.Stats.Frames;
        if (_allocationStartFrames < 0)
        {
            if (frames >= AllocationWarmupFrames && _desk.Host.Router.OrdersSent > 0)
            {
                _allocationStartFrames = frames;
                _allocationStartOrders = _desk.Host.Router.OrdersSent;
                _allocationStartBytes = GC.GetAllocatedBytesForCurrentThread();
            }

            return;
        }

        if (AllocationMeasured is null && frames - _allocationStartFrames >= AllocationFrames)
        {
            AllocationMeasured = new SteadyStateAllocation(
                GC.GetAllocatedBytesForCurrentThread() - _allocationStartBytes, frames - _allocationStartFrames, _desk.Host.Router.OrdersSent - _allocationStartOrders);
        }
    }

    private void Shutdown()
    {
        Publish();
        _stopping = true;
        _desk.Running = false;
        var open = 0;
        for (var slot = _engine.Orders.FirstOpen(_instrument.Id); slot >= 0; slot = _engine.Orders.NextOpen(slot))
        {
            _openAtStop[open++] = _engine.Orders[slot].ClientOrderId;
        }

        _engine.CancelAll(InstrumentId.None);
        var cancelAllSent = open == 0 || _sink.TrySendCancelAll(InstrumentId.None);
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
        _connector.Stop();
        Stop = new ShutdownReport(open, cancelled, _engine.Orders.OpenOrders, cancelAllSent);
    }

    private void Publish()
    {
        _admin?.Feed.Publish();
        _metrics?.Publish();
        var positions = _engine.Positions;
        var id = _instrument.Id;
        var notionalScale = positions.NotionalScale(id);
        var book = _book.Book;
        var unrealized = 0m;
        if (book is not null && _book.State == BookSyncState.InSync && book.Bids.Count > 0 && book.Asks.Count > 0)
        {
            var mid = new Price((book.Bids.Best.Price + book.Asks.Best.Price) / 2);
            unrealized = ToDecimal(positions.UnrealizedPnl(id, mid), notionalScale);
        }

        var histogram = _desk.TickToTrade.Histogram;
        var counters = _desk.Counters;
        var snapshot = new TradingSnapshot
        {
            Frames = _connector.Session.Stats.Frames,
            BookInSync = _book.State == BookSyncState.InSync,
            Ready = _gateway is null || _gateway.State == BitfinexGatewayState.Ready,
            OrdersSent = _desk.Host.Router.OrdersSent,
            CancelsSent = _desk.Host.Router.CancelsSent,
            AmendsSent = _desk.Host.Router.AmendsSent,
            AmendsAcked = counters.Count(ExecType.ReplaceAck),
            Acked = counters.Count(ExecType.Ack),
            Rejected = counters.Count(ExecType.Reject),
            Fills = counters.Count(ExecType.Fill),
            CancelAcks = counters.Count(ExecType.CancelAck),
            Expired = counters.Count(ExecType.Expire),
            RiskRejects = _desk.Host.Router.RiskRejects,
            OpenOrders = _engine.Orders.OpenOrders,
            Position = ToDecimal(positions[id].Quantity.Raw, _instrument.SizeScale),
            RealizedPnl = ToDecimal(positions.NetRealizedPnl(id), notionalScale),
            UnrealizedPnl = unrealized,
            SequenceGaps = _connector.Session.Stats.SequenceGaps,
            Errors = _connector.Session.Stats.Errors,
            KillSwitch = _engine.KillSwitch.IsEngaged,
            Mode = _engine.Breakers.Mode,
            Breaker = _desk.BreakerFeed?.Reason,
            Reconciliation = Reconciliation?.Report,
            ReconciliationFailure = Reconciliation?.Failure,
            TickToTradeCount = histogram.Count,
            TickToTradeP50 = histogram.ValueAtPercentile(50),
            TickToTradeP99 = histogram.ValueAtPercentile(99),
            TickToTradeP999 = histogram.ValueAtPercentile(99.9),
            TickToTradeMax = histogram.Max,
        };
        lock (_lock)
        {
            _snapshot = snapshot;
        }
    }

    private static decimal ToDecimal(Int128 raw, int scale) => (decimal)raw / (decimal)FixedPoint.Pow10(scale);
}
