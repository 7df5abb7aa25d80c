using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Trading;

/// <summary>
/// Tick-to-trade on the market-data thread: armed with the receive time of the frame being processed (the
/// moment the socket read that delivered it returned), it records, for the first order that decision sends,
/// the time until that order's bytes were handed to the socket's send (<see cref="IOutboundSender.LastSendNanos"/>).
/// Without a sender (dry run: nothing is sent) it records until the order reached the sink. One sample per
/// decision that sent an order; orders from timers or reports are not samples. Allocation-free.
/// </summary>
public sealed class TickToTrade
{
    private long _receiveNanos;
    private bool _armed;

    /// <summary>Samples in nanoseconds.</summary>
    public LatencyHistogram Histogram { get; } = new();

    /// <summary>The connection whose send time ends a sample; null measures to the sink call.</summary>
    public IOutboundSender? Sender { get; set; }

    /// <summary>Stage timestamps of each sample (`--latency-breakdown`); null: off.</summary>
    public LatencyBreakdown? Breakdown { get; set; }

    /// <summary>A market-data frame received at <paramref name="receiveNanos"/> (monotonic ns) is being decided on.</summary>
    public void Arm(long receiveNanos)
    {
        _receiveNanos = receiveNanos;
        _armed = true;
        Breakdown?.OnArm(receiveNanos);
    }

    /// <summary>A command of the current decision reaches the sink, before it is handed on (for the breakdown).</summary>
    public void OnCommand(bool isNewOrder)
    {
        if (_armed && Breakdown is { } breakdown)
        {
            breakdown.OnCommand(isNewOrder);
        }
    }

    /// <summary>The decision is over (whether or not it sent anything).</summary>
    public void Disarm() => _armed = false;

    /// <summary>An order of the current decision was handed on (and, with a sender, flushed to the socket).</summary>
    public void OnOrderSent()
    {
        if (!_armed)
        {
            return;
        }

        _armed = false;
        var sentAt = Sender is { } sender ? sender.LastSendNanos : MonotonicClock.Now();
        if (sentAt >= _receiveNanos)
        {
            Histogram.Record(sentAt - _receiveNanos);
            Breakdown?.OnSample(sentAt);
        }
    }
}
