using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Strategies.Hosting;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;

namespace Velox.Strategies.Execution;

/// <summary>
/// The one way strategies send orders: pre-trade risk and the OMS (through <see cref="TradingEngine"/>), then
/// the sink. Because the sink is a generic struct parameter, dry run, paper and live share every step up to
/// the sink call. It also turns the engine's stops into venue commands: when the kill switch or a HALT breaker
/// is active, the engine moves every open order to PendingCancel and the router sends the cancel-all, once
/// per stop (retried while the sink refuses). Single-threaded (engine thread); nothing allocates.
/// </summary>
public sealed class OrderRouter<TSink>
    where TSink : struct, IOrderSink
{
    /// <summary>Reject code booked into the OMS when the sink could not take a new order.</summary>
    public const ushort SinkRefusedRejectCode = ushort.MaxValue;

    /// <summary>Cancel-reject (and replace-reject) code booked when the sink could not take a cancel or amend (the order returns to its live state).</summary>
    public const ushort SinkRefusedCancelCode = ushort.MaxValue;

    private readonly TradingEngine _engine;
    private readonly MarketView _market;
    private readonly TSink _sink;
    private bool _stopped;
    private bool _cancelAllOwed;

    public OrderRouter(TradingEngine engine, MarketView market, TSink sink)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(market);
        _engine = engine;
        _market = market;
        _sink = sink;
    }

    public TradingEngine Engine => _engine;

    public MarketView Market => _market;

    /// <summary>Where orders go.</summary>
    public ExecutionMode Mode => _sink.Mode;

    /// <summary>True while the kill switch or a HALT breaker stops trading (as of the last <see cref="SyncStops"/>).</summary>
    public bool IsStopped => _stopped;

    /// <summary>Orders handed to the sink.</summary>
    public long OrdersSent { get; private set; }

    /// <summary>Cancels handed to the sink.</summary>
    public long CancelsSent { get; private set; }

    /// <summary>Orders refused by pre-trade risk.</summary>
    public long RiskRejects { get; private set; }

    /// <summary>Orders refused by the OMS.</summary>
    public long OmsRefusals { get; private set; }

    /// <summary>Amends handed to the sink.</summary>
    public long AmendsSent { get; private set; }

    /// <summary>Commands the sink could not take.</summary>
    public long SinkRefusals { get; private set; }

    /// <summary>Stops turned into a cancel-all.</summary>
    public long StopsEnforced { get; private set; }

    /// <summary>Risk-checks <paramref name="order"/> against the instrument's market, places it in the OMS and sends it.</summary>
    public RouteStatus Submit(in OrderRequest order, out long clientOrderId, out RiskRejectReason reason)
    {
        var market = _market.MarketStateOf(order.Instrument);
        var status = _engine.TrySubmit(order, market, out reason, out clientOrderId);

        // TrySubmit enforces stops itself; a stop it found must still reach the venue.
        SyncStops();
        if (status == SubmitStatus.RiskRejected)
        {
            RiskRejects++;
            return RouteStatus.RiskRejected;
        }

        if (status != SubmitStatus.Accepted)
        {
            OmsRefusals++;
            return RouteStatus.Refused;
        }

        if (!_sink.TrySendNew(clientOrderId, order))
        {
            SinkRefusals++;
            _engine.OnReport(ExecutionReport.Reject(clientOrderId, SinkRefusedRejectCode));
            SyncStops();
            return RouteStatus.SinkRefused;
        }

        OrdersSent++;
        return RouteStatus.Sent;
    }

    /// <summary>Requests a cancel in the OMS and sends it; false when the OMS refused it or the sink could not take it.</summary>
    public bool Cancel(long clientOrderId)
    {
        if (!_engine.Orders.TryFind(clientOrderId, out var slot))
        {
            return false;
        }

        var instrument = _engine.Orders[slot].Instrument;
        if (_engine.TryCancel(clientOrderId) != CommandStatus.Accepted)
        {
            return false;
        }

        if (!_sink.TrySendCancel(clientOrderId, instrument))
        {
            SinkRefusals++;
            _engine.OnReport(ExecutionReport.CancelReject(clientOrderId, SinkRefusedCancelCode));
            SyncStops();
            return false;
        }

        CancelsSent++;
        return true;
    }

    /// <summary>
    /// Amends a working order to <paramref name="price"/> and <paramref name="quantity"/> (new total size): pre-trade
    /// risk on the new values, the OMS moves it to PendingReplace, then the sink sends it. <see cref="RouteStatus.Refused"/>
    /// when the OMS does not allow it (unknown, not working, pending another command); <see cref="RouteStatus.SinkRefused"/>
    /// when the sink cannot amend (a replace reject is booked, so the order is working again as it was).
    /// </summary>
    public RouteStatus Amend(long clientOrderId, Price price, Quantity quantity, out RiskRejectReason reason)
    {
        reason = RiskRejectReason.None;
        if (!_engine.Orders.TryFind(clientOrderId, out var slot))
        {
            OmsRefusals++;
            return RouteStatus.Refused;
        }

        var instrument = _engine.Orders[slot].Instrument;
        var market = _market.MarketStateOf(instrument);
        var status = _engine.TryAmend(clientOrderId, price, quantity, market, out reason);
        SyncStops();
        if (status == CommandStatus.RiskRejected)
        {
            RiskRejects++;
            return RouteStatus.RiskRejected;
        }

        if (status != CommandStatus.Accepted)
        {
            OmsRefusals++;
            return RouteStatus.Refused;
        }

        if (!_sink.TrySendAmend(clientOrderId, instrument, price, quantity))
        {
            SinkRefusals++;
            _engine.OnReport(ExecutionReport.ReplaceReject(clientOrderId, SinkRefusedCancelCode));
            SyncStops();
            return RouteStatus.SinkRefused;
        }

        AmendsSent++;
        return RouteStatus.Sent;
    }

    /// <summary>Applies a venue report (OMS, positions, breakers), then enforces any stop it caused.</summary>
    public ReportOutcome OnReport(in ExecutionReport report)
    {
        var outcome = _engine.OnReport(report);
        SyncStops();
        return outcome;
    }

    /// <summary>Feeds a mid to the volatility breaker, then enforces any stop it caused.</summary>
    public void OnMid(InstrumentId instrument, Price mid)
    {
        _engine.OnMid(instrument, mid);
        SyncStops();
    }

    /// <summary>
    /// Checks the kill switch and breakers: on a new stop the engine cancels every open order (once) and the
    /// venues get a cancel-all. Returns true while stopped.
    /// </summary>
    public bool SyncStops()
    {
        var stop = _engine.KillSwitch.IsEngaged || _engine.Breakers.Mode == TradingMode.Halt;
        _engine.EnforceStops();
        if (!stop)
        {
            _stopped = false;
            return false;
        }

        if (!_stopped)
        {
            _stopped = true;
            _cancelAllOwed = true;
            StopsEnforced++;
        }

        if (_cancelAllOwed)
        {
            if (_sink.TrySendCancelAll(InstrumentId.None))
            {
                _cancelAllOwed = false;
            }
            else
            {
                SinkRefusals++;
            }
        }

        return true;
    }
}
