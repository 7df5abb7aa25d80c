using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Trading;

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
    private bool _deciding;

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
        _deciding = true;
        Breakdown?.OnArm(receiveNanos);
    }

    /// <summary>The embedded simulator's wire-to-wire probe, told which orders market data provoked; null: none.</summary>
    public WireToWireProbe? Wire { get; set; }

    /// <summary>A command of the current decision reaches the sink, before it is handed on (breakdown; the first order's cid to <see cref="Wire"/>).</summary>
    public void OnCommand(bool isNewOrder, long clientOrderId)
    {
        if (!_armed)
        {
            return;
        }

        Breakdown?.OnCommand(isNewOrder);
        if (isNewOrder)
        {
            Wire?.ExpectOrder(BitfinexClientIds.ToCid(clientOrderId));
        }
    }

    /// <summary>An amend of the current decision reaches the sink: it counts as the decision's order (breakdown; the order's venue id to <see cref="Wire"/>, when known).</summary>
    public void OnAmendCommand(long venueOrderId)
    {
        if (!_armed)
        {
            return;
        }

        Breakdown?.OnCommand(isNewOrder: true);
        if (venueOrderId != 0)
        {
            Wire?.ExpectAmend(venueOrderId);
        }
    }

    /// <summary>
    /// True while a market-data decision runs and its first order already went out: the order path queues what
    /// follows and <see cref="Disarm"/> sends it in one write, so the first order does not wait for the others' sends.
    /// </summary>
    public bool DefersOrders => _deciding && !_armed;

    /// <summary>True while a market-data decision runs: cancels are queued and leave with the decision's first order (or at <see cref="Disarm"/>).</summary>
    public bool DefersCancels => _deciding;

    /// <summary>The decision is over (whether or not it sent anything): what it queued is sent now.</summary>
    public void Disarm()
    {
        _armed = false;
        if (_deciding)
        {
            _deciding = false;
            Sender?.FlushOutbound();
        }
    }

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
