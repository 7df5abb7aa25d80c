using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>
/// The end of the dry-run path: records every command it is given (<see cref="Commands"/>) and counts them,
/// sends nothing anywhere, and — unless told not to — answers like a venue that accepts everything and never
/// trades: new orders are acknowledged (IOC/FOK ones then expire), cancels and amends of resting orders are confirmed. Those answers are
/// queued and handed back by <see cref="DrainReports"/>, so the OMS sees the same lifecycle as in paper mode.
/// Preallocated; nothing allocates per command.
/// </summary>
public sealed class DryRunVenue
{
    /// <summary>Reject code of a resting order refused because <c>maxLiveOrders</c> orders already rest.</summary>
    public const ushort OpenOrderLimitRejectCode = 1;

    /// <summary>Reject code of an amend of an order that does not rest here.</summary>
    public const ushort UnknownOrderRejectCode = 2;

    private readonly IClock _clock;
    private readonly EventRing<ExecutionReport> _reports;
    private readonly long[] _liveIds;
    private readonly InstrumentId[] _liveInstruments;
    private int _liveCount;
    private long _venueOrderId;

    /// <summary>Creates a venue recording the last <paramref name="commandHistory"/> commands and tracking up to <paramref name="maxLiveOrders"/> resting orders.</summary>
    public DryRunVenue(IClock clock, int commandHistory = 4096, int maxLiveOrders = 1024, bool acknowledge = true)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        Commands = new EventRing<SinkCommand>(commandHistory);
        _reports = new EventRing<ExecutionReport>(4 * maxLiveOrders);
        _liveIds = new long[maxLiveOrders];
        _liveInstruments = new InstrumentId[maxLiveOrders];
        Acknowledge = acknowledge;
    }

    /// <summary>The recorded commands, oldest first (a host drains them for its decision log).</summary>
    public EventRing<SinkCommand> Commands { get; }

    /// <summary>Whether commands are answered with synthetic acks/expiries/cancel confirmations.</summary>
    public bool Acknowledge { get; }

    /// <summary>New orders recorded.</summary>
    public long NewOrders { get; private set; }

    /// <summary>Cancels recorded.</summary>
    public long Cancels { get; private set; }

    /// <summary>Amends recorded.</summary>
    public long Amends { get; private set; }

    /// <summary>Cancel-alls recorded.</summary>
    public long CancelAlls { get; private set; }

    /// <summary>Synthetic reports waiting for <see cref="DrainReports"/>.</summary>
    public int PendingReports => _reports.Count;

    /// <summary>Resting (acknowledged, not cancelled) orders the venue tracks.</summary>
    public int LiveOrders => _liveCount;

    /// <summary>Records a new order.</summary>
    public bool New(long clientOrderId, in OrderRequest order)
    {
        NewOrders++;
        Commands.Add(new SinkCommand(SinkCommandKind.New, clientOrderId, order.Instrument, order.Side, order.Type, order.TimeInForce, order.Price, order.Quantity, _clock.NowNanos()));
        if (!Acknowledge)
        {
            return true;
        }

        if (order.TimeInForce == TimeInForce.GoodTillCancel && _liveCount == _liveIds.Length)
        {
            // Like a venue's open-order limit: refused rather than resting untracked (its cancel could never be confirmed).
            _reports.Add(ExecutionReport.Reject(clientOrderId, OpenOrderLimitRejectCode));
            return true;
        }

        _reports.Add(ExecutionReport.Ack(clientOrderId, ++_venueOrderId));
        if (order.TimeInForce != TimeInForce.GoodTillCancel)
        {
            _reports.Add(ExecutionReport.Expire(clientOrderId));
        }
        else
        {
            _liveIds[_liveCount] = clientOrderId;
            _liveInstruments[_liveCount] = order.Instrument;
            _liveCount++;
        }

        return true;
    }

    /// <summary>Records a cancel.</summary>
    public bool Cancel(long clientOrderId, InstrumentId instrument)
    {
        Cancels++;
        Commands.Add(new SinkCommand(SinkCommandKind.Cancel, clientOrderId, instrument, default, default, default, default, default, _clock.NowNanos()));
        if (Acknowledge)
        {
            for (var i = 0; i < _liveCount; i++)
            {
                if (_liveIds[i] == clientOrderId)
                {
                    CancelAt(i);
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>Records an amend; a resting order's is confirmed (the OMS takes the amend's price and size), any other's refused.</summary>
    public bool Amend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity)
    {
        Amends++;
        Commands.Add(new SinkCommand(SinkCommandKind.Amend, clientOrderId, instrument, default, default, default, price, quantity, _clock.NowNanos()));
        if (Acknowledge)
        {
            _reports.Add(IsLive(clientOrderId) ? ExecutionReport.ReplaceAck(clientOrderId) : ExecutionReport.ReplaceReject(clientOrderId, UnknownOrderRejectCode));
        }

        return true;
    }

    /// <summary>Records a cancel-all.</summary>
    public bool CancelAll(InstrumentId instrument)
    {
        CancelAlls++;
        Commands.Add(new SinkCommand(SinkCommandKind.CancelAll, 0, instrument, default, default, default, default, default, _clock.NowNanos()));
        if (Acknowledge)
        {
            for (var i = _liveCount - 1; i >= 0; i--)
            {
                if (instrument.IsNone || _liveInstruments[i] == instrument)
                {
                    CancelAt(i);
                }
            }
        }

        return true;
    }

    /// <summary>Hands the queued synthetic reports to <paramref name="handler"/>, oldest first; returns how many.</summary>
    public int DrainReports<THandler>(ref THandler handler)
        where THandler : struct, IExecutionReportHandler
    {
        var drained = 0;
        while (_reports.TryRead(out var report))
        {
            handler.OnExecutionReport(report);
            drained++;
        }

        return drained;
    }

    private bool IsLive(long clientOrderId)
    {
        for (var i = 0; i < _liveCount; i++)
        {
            if (_liveIds[i] == clientOrderId)
            {
                return true;
            }
        }

        return false;
    }

    private void CancelAt(int index)
    {
        _reports.Add(ExecutionReport.CancelAck(_liveIds[index]));
        _liveCount--;
        _liveIds[index] = _liveIds[_liveCount];
        _liveInstruments[index] = _liveInstruments[_liveCount];
    }
}
