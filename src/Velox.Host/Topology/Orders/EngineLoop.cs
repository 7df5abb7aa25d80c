using System.Diagnostics;
using Velox.Ipc.Agents;
using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The duty-cycle skeleton of the engine's order-entry modes: turns until stopped, and four times a second reports
/// md's and the og's stream changes, publishes the status records and flushes the journal; then shuts down.
/// </summary>
public abstract class EngineLoop
{
    private readonly Subscription _marketData;

    /// <summary>Creates the skeleton over md's stream.</summary>
    private protected EngineLoop(Subscription marketData)
    {
        ArgumentNullException.ThrowIfNull(marketData);
        _marketData = marketData;
    }

    /// <summary>md's stream, polled by <see cref="Turn"/>.</summary>
    private protected Subscription MarketData => _marketData;

    /// <summary>One turn of the duty cycle. Returns the work done.</summary>
    public abstract int Turn();

    /// <summary>Publishes the engine status and the mode's status records.</summary>
    public abstract void PublishStatus();

    /// <summary>Runs until <paramref name="stop"/>, then shuts down; returns the shutdown line. <paramref name="onStreamState"/> hears md's and the og's stream changes.</summary>
    public string Run(CancellationToken stop, Action<string>? onStreamState = null)
    {
        var idle = new BackoffIdleStrategy(maxSpins: 200, maxYields: 200, minParkNanos: 50_000, maxParkNanos: 1_000_000);
        var interval = Stopwatch.Frequency * TopologyStreams.StatusIntervalMillis / 1000;
        var nextStatus = Stopwatch.GetTimestamp();
        var lastState = _marketData.Status;
        StartWatchingReports();
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

                WatchReports(onStreamState);
                PublishStatus();
                FlushJournal();
            }
        }

        return Shutdown();
    }

    /// <summary>Remembers the og report streams' current states (at the start of <see cref="Run"/>).</summary>
    private protected abstract void StartWatchingReports();

    /// <summary>Tells <paramref name="onStreamState"/> about og report-stream changes since the last call and reacts to a lost og.</summary>
    private protected abstract void WatchReports(Action<string>? onStreamState);

    /// <summary>
    /// Tells <paramref name="onStreamState"/> when <paramref name="reports"/> changed state since <paramref name="last"/>
    /// (as "<paramref name="og"/> report stream ..."); a dead or ended stream marks that og not ready, so the strategy's
    /// orders to it are refused until it is back. Returns the current state.
    /// </summary>
    private protected static SubscriptionStatus WatchReports(
        Subscription reports, SubscriptionStatus last, OrderCommandPublisher publisher, string og, Action<string>? onStreamState)
    {
        if (reports.Status == last)
        {
            return last;
        }

        onStreamState?.Invoke($"{og} report stream {reports.Status}");
        if (reports.Status is SubscriptionStatus.PublisherDead or SubscriptionStatus.EndOfStream)
        {
            publisher.OgReady = false;
        }

        return reports.Status;
    }

    /// <summary>Flushes the journal (not to disk).</summary>
    private protected abstract void FlushJournal();

    /// <summary>Stops the strategy, cancels what is open, flushes the journal to disk; returns the shutdown line.</summary>
    private protected abstract string Shutdown();
}
