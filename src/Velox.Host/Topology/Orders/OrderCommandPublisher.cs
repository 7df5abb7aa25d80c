using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Ipc.Publications;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The engine's end of the engine → og order stream: encodes <see cref="OrderCommand"/>s in place in the log
/// (<see cref="ExclusivePublication.TryClaim"/>), stamping a new order (or amend) with the receive time of the market-data
/// frame being decided on (<see cref="Arm"/>) so og can measure tick-to-trade. New orders, cancels and amends are
/// refused while og has not said it is ready (a refused command is booked by the router, never left waiting).
/// Single-threaded (the engine's duty cycle); allocation-free.
/// </summary>
public sealed class OrderCommandPublisher
{
    private const int AdminActionRetries = 3;

    private readonly ExclusivePublication _publication;
    private long _tickReceiveNanos;
    private bool _armed;

    public OrderCommandPublisher(ExclusivePublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        _publication = publication;
    }

    /// <summary>og's last word: it can send orders now.</summary>
    public bool OgReady { get; set; }

    /// <summary>Commands written to the stream.</summary>
    public long Published { get; private set; }

    /// <summary>Commands the stream did not take (og not connected, back-pressure, closed).</summary>
    public long Refused { get; private set; }

    /// <summary>New orders written to the stream.</summary>
    public long NewOrders { get; private set; }

    /// <summary>Commands refused because og was not ready.</summary>
    public long NotReady { get; private set; }

    /// <summary>A decision on a market-data frame received at <paramref name="receiveNanos"/> begins.</summary>
    public void Arm(long receiveNanos)
    {
        _tickReceiveNanos = receiveNanos;
        _armed = true;
    }

    /// <summary>The decision is over.</summary>
    public void Disarm() => _armed = false;

    /// <summary>A new order; the first of a decision carries the tick's receive time.</summary>
    public bool TrySendNew(long clientOrderId, in OrderRequest order)
    {
        if (!OgReady)
        {
            NotReady++;
            return false;
        }

        var tick = _armed ? _tickReceiveNanos : 0;
        if (!TryPublish(OrderCommand.New(clientOrderId, order, tick, MonotonicClock.Now())))
        {
            return false;
        }

        _armed = false;
        NewOrders++;
        return true;
    }

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument)
    {
        if (!OgReady)
        {
            NotReady++;
            return false;
        }

        return TryPublish(new OrderCommand(OrderCommandType.Cancel, clientOrderId, instrument, SentNanos: MonotonicClock.Now()));
    }

    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity)
    {
        if (!OgReady)
        {
            NotReady++;
            return false;
        }

        // An amend that moves a quote is the decision's order like a new one: the first carries the tick's receive time.
        var tick = _armed ? _tickReceiveNanos : 0;
        if (!TryPublish(new OrderCommand(OrderCommandType.Amend, clientOrderId, instrument, Price: price, Quantity: quantity, TickReceiveNanos: tick, SentNanos: MonotonicClock.Now())))
        {
            return false;
        }

        _armed = false;
        return true;
    }

    /// <summary>Cancel-all goes whatever og's state: og holds it until its venue connection can send it.</summary>
    public bool TrySendCancelAll(InstrumentId instrument) =>
        TryPublish(new OrderCommand(OrderCommandType.CancelAll, 0, instrument, SentNanos: MonotonicClock.Now()));

    /// <summary>Encodes <paramref name="command"/> into a claimed frame; false when the stream does not take it.</summary>
    public bool TryPublish(in OrderCommand command)
    {
        for (var attempt = 0; attempt < AdminActionRetries; attempt++)
        {
            var result = _publication.TryClaim(OrderCommand.Length, out var claim);
            if (result > 0)
            {
                command.Write(claim.Buffer);
                claim.Commit();
                Published++;
                return true;
            }

            if (result != PublicationResult.AdminAction)
            {
                break;
            }
        }

        Refused++;
        return false;
    }
}
