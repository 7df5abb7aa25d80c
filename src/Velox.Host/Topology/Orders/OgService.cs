using Velox.Core.Instruments;
using Velox.Core.Metrics;
using Velox.Core.Time;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Net.Reconnect;
using Velox.Simulator.Matching;
using Velox.Strategies.Execution;
using Velox.Trading;
using Velox.Trading.Credentials;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Risk;
using Velox.Venues.Binance.Trading;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Connection;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Trading;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The order gateway process's work (`velox og`), driven by <see cref="DoWork"/> on one thread. Paper: owns its own
/// authenticated Bitfinex WebSocket (separate from md's) with a <see cref="BitfinexOrderGateway"/> over a shadow OMS
/// that mirrors the engine's orders under og's own client order ids (the engine already ran risk: the shadow only
/// tracks what the venue needs: venue ids, cid dates, fills); each command is encoded and flushed to the socket at
/// once, and every report goes back to the engine under the engine's client order id. Dry run: a
/// <see cref="DryRunVenue"/> answers with synthetic acks and cancels. Paper at Binance (<see cref="PaperBinance"/>): the
/// same shadow OMS over a <see cref="BinanceOrderGateway"/> on the simulator's WebSocket API (exchangeInfo filters
/// checked before sending, user-data execution reports), reconnected when the connection drops. Tick-to-trade: md's
/// frame receive time (in the command) to the moment the order's bytes were handed to send() (dry run: to og taking
/// the command).
/// </summary>
public sealed class OgService : IDisposable
{
    private const int FragmentLimit = 64;
    private const int AdminActionRetries = 3;
    private static readonly long CancelAckWaitNanos = 2_000_000_000;
    private static readonly long StateEveryNanos = 1_000_000_000;

    private readonly Subscription _commands;
    private readonly ExclusivePublication _reports;
    private readonly BitfinexConnector<OgMarketFeed>? _connector;
    private readonly BitfinexOrderGateway? _gateway;
    private readonly BinanceOrderGateway? _binance;
    private readonly TradingEngine? _shadow;
    private readonly long[] _engineIdBySlot = [];
    private readonly Dictionary<long, long> _ogIdByEngineId = [];
    private readonly DryRunVenue? _venue;
    private OgCommandHandler _handler;
    private bool _lastReady;
    private long _nextStateNanos;

    private OgService(Subscription commands, ExclusivePublication reports, ExecutionMode mode)
    {
        _commands = commands;
        _reports = reports;
        Mode = mode;
        _handler = new OgCommandHandler(this);
    }

    private OgService(
        Subscription commands, ExclusivePublication reports, BitfinexConnector<OgMarketFeed> connector, BitfinexOrderGateway gateway, TradingEngine shadow)
        : this(commands, reports, ExecutionMode.Paper)
    {
        _connector = connector;
        _gateway = gateway;
        _shadow = shadow;
        _engineIdBySlot = new long[shadow.Orders.Capacity];
        _ogIdByEngineId = new Dictionary<long, long>(shadow.Orders.Capacity * 2);
        gateway.ReportListener = new Listener(this);
    }

    private OgService(Subscription commands, ExclusivePublication reports, BinanceOrderGateway binance, TradingEngine shadow)
        : this(commands, reports, ExecutionMode.Paper)
    {
        _binance = binance;
        _shadow = shadow;
        _engineIdBySlot = new long[shadow.Orders.Capacity];
        _ogIdByEngineId = new Dictionary<long, long>(shadow.Orders.Capacity * 2);
        binance.ReportListener = new Listener(this);
    }

    private OgService(Subscription commands, ExclusivePublication reports, DryRunVenue venue)
        : this(commands, reports, ExecutionMode.DryRun) => _venue = venue;

    public ExecutionMode Mode { get; }

    /// <summary>The venue gateway (paper only).</summary>
    public BitfinexOrderGateway? Gateway => _gateway;

    /// <summary>The Binance gateway (paper at Binance only).</summary>
    public BinanceOrderGateway? BinanceGateway => _binance;

    /// <summary>Why the venue refused og's login, if it did.</summary>
    public string? LastAuthError => _gateway?.LastAuthError ?? _binance?.LastAuthError;

    /// <summary>Paper at Bitfinex: reconciliations after reconnects (over REST, failed, or orders closed unverified) so far; changes when there is news.</summary>
    public long ReconciliationEvents => _gateway is null ? 0 : _gateway.Reconciliations + _gateway.ReconcileFailures + _gateway.UnverifiedCloses;

    /// <summary>Paper at Bitfinex: one line on reconciliations after reconnects; null when there was nothing to reconcile.</summary>
    public string? ReconciliationSummary() => _gateway?.ReconciliationSummary();

    /// <summary>The venue connection (paper only).</summary>
    public BitfinexConnector<OgMarketFeed>? Connector => _connector;

    /// <summary>Tick-to-trade samples (ns).</summary>
    public LatencyHistogram TickToTrade { get; } = new();

    public long Commands { get; private set; }

    public long Malformed { get; private set; }

    public long ReportsPublished { get; private set; }

    public long ReportsDropped { get; private set; }

    /// <summary>Whether orders can be sent now (paper: the gateway authenticated and reconciled).</summary>
    public bool Ready => _binance is not null ? _binance.State == BinanceGatewayState.Ready : _gateway is null || _gateway.State == BitfinexGatewayState.Ready;

    /// <summary>Orders og holds open (paper: in the shadow OMS; dry run: resting at the dry-run venue).</summary>
    public int OpenOrders => _shadow?.Orders.OpenOrders ?? _venue!.LiveOrders;

    /// <summary>
    /// Paper: connects to <paramref name="venue"/> with the simulator's demo account and trades there; instrument ids are
    /// <paramref name="registry"/>'s (null: the Bitfinex-only topology's). With <paramref name="rest"/> (the simulator's REST
    /// base) orders that traded while the connection was down are reconciled from the venue's order history and trades.
    /// </summary>
    public static OgService Paper(Subscription commands, ExclusivePublication reports, Uri venue, string symbol, int seed, InstrumentRegistry? registry = null, Uri? rest = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(reports);
        registry ??= TopologyInstruments.Create(out _);
        var clock = MonotonicClock.Instance;
        var wall = new SystemWallClock();
        var ids = new ClientOrderIdSource(1);
        var shadow = TradingEngine.Create(registry, new RiskOptions(), new BreakerOptions(), ids, clock);
        var gateway = new BitfinexOrderGateway(
            shadow, registry, ids, new VenueCredentials(SimAccount.Demo.ApiKey, SimAccount.Demo.ApiSecret), new BitfinexNonce(wall), wall,
            new BitfinexGatewayOptions { FillsFromTradeUpdateOnly = true, RestBaseUri = rest });
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.SeqAll });
        session.SubscribeTrades(symbol);
        gateway.Attach(session);
        var reconnect = new ReconnectPolicy(
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(seed));
        var connector = new BitfinexConnector<OgMarketFeed>(venue, session, default, reconnect);
        return new OgService(commands, reports, connector, gateway, shadow);
    }

    /// <summary>
    /// Paper at Binance: loads the exchangeInfo filters from <paramref name="rest"/> and connects to the WebSocket API at
    /// <paramref name="api"/> with the simulator's demo credentials (blocking; throws when the venue cannot be reached).
    /// </summary>
    public static OgService PaperBinance(Subscription commands, ExclusivePublication reports, Uri api, Uri rest, InstrumentRegistry registry, int seed)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(registry);
        var shadow = TradingEngine.Create(registry, new RiskOptions(), new BreakerOptions(), new ClientOrderIdSource(1), MonotonicClock.Instance);
        var gateway = ArbitrageVenues.ConnectBinanceGateway(shadow, registry, new SystemWallClock(), rest, api);
        gateway.EnableReconnect(
            new ReconnectPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), ReconnectJitter.Full, new Random(seed)),
            MonotonicClock.Instance);
        return new OgService(commands, reports, gateway, shadow);
    }

    /// <summary>Dry run: nothing is sent; a dry-run venue acknowledges orders and cancels.</summary>
    public static OgService DryRun(Subscription commands, ExclusivePublication reports) =>
        new(commands, reports, new DryRunVenue(MonotonicClock.Instance));

    /// <summary>One turn: the venue connection, the engine's commands, the dry-run venue's reports, og's readiness. Returns work done.</summary>
    public int DoWork()
    {
        var work = _connector?.DoWork() ?? 0;
        work += _gateway?.DoWork() ?? 0;
        if (_binance is not null)
        {
            work += _binance.DoWork();
        }

        work += _commands.Poll(ref _handler, FragmentLimit);
        if (_venue is not null)
        {
            var reports = new DryReports(this);
            work += _venue.DrainReports(ref reports);
            while (_venue.Commands.TryRead(out _))
            {
            }
        }

        var ready = Ready;
        var now = MonotonicClock.Now();
        if (ready != _lastReady || now >= _nextStateNanos)
        {
            if (PublishState(ready, now))
            {
                _lastReady = ready;
                _nextStateNanos = now + StateEveryNanos;
            }

            work++;
        }

        return work + _reports.DoWork();
    }

    /// <summary>A command from the engine.</summary>
    public void OnCommand(in OrderCommand command)
    {
        Commands++;
        if (_venue is not null)
        {
            OnDryRunCommand(command);
            return;
        }

        switch (command.Type)
        {
            case OrderCommandType.New:
                SendNew(command);
                break;
            case OrderCommandType.Cancel:
                if (!_ogIdByEngineId.TryGetValue(command.ClientOrderId, out var cancelId)
                    || _shadow!.TryCancel(cancelId) != CommandStatus.Accepted
                    || !(_binance?.TrySendCancel(cancelId, command.Instrument) ?? _gateway!.SendCancel(cancelId)))
                {
                    Publish(ExecutionReport.CancelReject(command.ClientOrderId, NotSentCode));
                }

                _connector?.FlushOutbound();
                break;
            case OrderCommandType.Amend:
                if (!_ogIdByEngineId.TryGetValue(command.ClientOrderId, out var amendId) || _shadow!.TryAmend(amendId, command.Price, command.Quantity) != CommandStatus.Accepted)
                {
                    Publish(ExecutionReport.ReplaceReject(command.ClientOrderId, NotSentCode));
                }
                else if (_binance is not null)
                {
                    // The WebSocket API gateway does not book an amend it could not send: og does, in the shadow and to the engine.
                    if (_binance.SendAmend(amendId))
                    {
                        RecordTickToTrade(command.TickReceiveNanos, MonotonicClock.Now());
                    }
                    else
                    {
                        _shadow.OnReport(ExecutionReport.ReplaceReject(amendId, NotSentCode));
                        Publish(ExecutionReport.ReplaceReject(command.ClientOrderId, NotSentCode));
                    }
                }
                else if (_gateway!.SendAmend(amendId))
                {
                    // (When it cannot send, the Bitfinex gateway reports the replace reject itself, back through the listener.)
                    _connector!.FlushOutbound();
                    RecordTickToTrade(command.TickReceiveNanos, _connector.LastSendNanos);
                }

                break;
            case OrderCommandType.CancelAll:
                _shadow!.CancelAll(command.Instrument);
                SendCancelAll(command.Instrument);
                break;
        }
    }

    /// <summary>A record on the order stream that did not decode.</summary>
    public void OnMalformedCommand() => Malformed++;

    /// <summary>og's counters as its status record.</summary>
    public OgStatusRecord Status() => new(
        Commands,
        Malformed,
        _gateway?.OrdersSent ?? _binance?.OrdersSent ?? _venue!.NewOrders,
        _gateway?.CancelsSent ?? _binance?.CancelsSent ?? _venue!.Cancels,
        _gateway?.AmendsSent ?? _binance?.AmendsSent ?? _venue!.Amends,
        _gateway?.CancelAllsSent ?? _binance?.CancelAllsSent ?? _venue!.CancelAlls,
        ReportsPublished,
        ReportsDropped,
        TickToTrade.Count,
        TickToTrade.ValueAtPercentile(50),
        TickToTrade.ValueAtPercentile(99),
        TickToTrade.ValueAtPercentile(99.9),
        TickToTrade.Max,
        OpenOrders,
        GatewayState,
        _binance is not null ? (_binance.State == BinanceGatewayState.AuthFailed ? 1 : 0) : (int)(_gateway?.AuthFailures ?? 0));

    /// <summary>
    /// Shutdown: drains the engine's last commands, cancels everything og holds open (one cancel-all), waits up to two
    /// seconds for the acks, and closes the venue connection. Returns the summary line.
    /// </summary>
    public string Stop()
    {
        DoWork();
        var open = OpenOrders;
        if (_venue is not null)
        {
            _venue.CancelAll(InstrumentId.None);
        }
        else if (open > 0)
        {
            _shadow!.CancelAll(InstrumentId.None);
            SendCancelAll(InstrumentId.None);
        }

        var deadline = MonotonicClock.Now() + CancelAckWaitNanos;
        while (OpenOrders > 0 && MonotonicClock.Now() < deadline)
        {
            if (DoWork() == 0)
            {
                Thread.Sleep(1);
            }
        }

        DoWork();
        _connector?.Stop();
        _binance?.Dispose();
        return $"shutdown: {open} orders open at og when stopped, {OpenOrders} still open";
    }

    public void Dispose()
    {
        _connector?.Dispose();
        _binance?.Dispose();
    }

    /// <summary>The venue gateway's state (its venue's enum; dry run: Bitfinex's Ready), for the status and gateway-state records.</summary>
    private byte GatewayState => _binance is not null ? (byte)_binance.State : (byte)(_gateway?.State ?? BitfinexGatewayState.Ready);

    private ushort NotSentCode => _binance is null ? (ushort)BitfinexRejectCode.NotSent : (ushort)BinanceRejectCode.NotSent;

    private void SendNew(in OrderCommand command)
    {
        var request = command.Request;
        if (_shadow!.Orders.TrySubmit(request, out var ogId) != SubmitStatus.Accepted || !_shadow.Orders.TryFind(ogId, out var slot))
        {
            Publish(ExecutionReport.Reject(command.ClientOrderId, (ushort)BitfinexRejectCode.NotSent));
            return;
        }

        if (_engineIdBySlot[slot] != 0)
        {
            _ogIdByEngineId.Remove(_engineIdBySlot[slot]);
        }

        _engineIdBySlot[slot] = command.ClientOrderId;
        _ogIdByEngineId[command.ClientOrderId] = ogId;
        long sentNanos;
        if (_binance is not null)
        {
            // The WebSocket API gateway writes to the socket inside the call; an order it cannot send is rejected here.
            if (!_binance.TrySendNew(ogId, request))
            {
                _shadow.OnReport(ExecutionReport.Reject(ogId, (ushort)BinanceRejectCode.NotSent));
                Publish(ExecutionReport.Reject(command.ClientOrderId, (ushort)BinanceRejectCode.NotSent));
                return;
            }

            sentNanos = MonotonicClock.Now();
        }
        else
        {
            if (!_gateway!.SendNew(ogId))
            {
                return;
            }

            _connector!.FlushOutbound();
            sentNanos = _connector.LastSendNanos;
        }

        RecordTickToTrade(command.TickReceiveNanos, sentNanos);
    }

    /// <summary>A tick-to-trade sample for a command that was its decision's first order (it carries the tick's receive time; 0: none).</summary>
    private void RecordTickToTrade(long tickReceiveNanos, long sentNanos)
    {
        if (tickReceiveNanos > 0 && sentNanos >= tickReceiveNanos)
        {
            TickToTrade.Record(sentNanos - tickReceiveNanos);
        }
    }

    private void SendCancelAll(InstrumentId instrument)
    {
        if (_binance is not null)
        {
            _binance.TrySendCancelAll(instrument);
            return;
        }

        _gateway!.SendCancelAll();
        _connector!.FlushOutbound();
    }

    private void OnDryRunCommand(in OrderCommand command)
    {
        switch (command.Type)
        {
            case OrderCommandType.New:
                _venue!.New(command.ClientOrderId, command.Request);
                RecordTickToTrade(command.TickReceiveNanos, MonotonicClock.Now());
                break;
            case OrderCommandType.Cancel:
                _venue!.Cancel(command.ClientOrderId, command.Instrument);
                break;
            case OrderCommandType.Amend:
                _venue!.Amend(command.ClientOrderId, command.Instrument, command.Price, command.Quantity);
                RecordTickToTrade(command.TickReceiveNanos, MonotonicClock.Now());
                break;
            case OrderCommandType.CancelAll:
                _venue!.CancelAll(command.Instrument);
                break;
        }
    }

    /// <summary>A report from the gateway about og's order: back to the engine under the engine's id.</summary>
    private void OnGatewayReport(in ExecutionReport report)
    {
        if (!_shadow!.Orders.TryFind(report.ClientOrderId, out var slot) || _engineIdBySlot[slot] == 0)
        {
            return;
        }

        Publish(report with { ClientOrderId = _engineIdBySlot[slot] });
    }

    private void Publish(in ExecutionReport report)
    {
        for (var attempt = 0; attempt < AdminActionRetries; attempt++)
        {
            var result = _reports.TryClaim(ExecutionReportRecord.Length, out var claim);
            if (result > 0)
            {
                ExecutionReportRecord.Write(claim.Buffer, report, MonotonicClock.Now());
                claim.Commit();
                ReportsPublished++;
                return;
            }

            if (result != PublicationResult.AdminAction)
            {
                break;
            }
        }

        ReportsDropped++;
    }

    private bool PublishState(bool ready, long now)
    {
        Span<byte> record = stackalloc byte[GatewayStateRecord.Length];
        new GatewayStateRecord(ready, GatewayState, now).Write(record);
        return _reports.Offer(record) > 0;
    }

    private sealed class Listener : IReportListener
    {
        private readonly OgService _og;

        public Listener(OgService og) => _og = og;

        public void OnReport(in ExecutionReport report, ReportOutcome outcome) => _og.OnGatewayReport(report);
    }

    private readonly struct DryReports : IExecutionReportHandler
    {
        private readonly OgService _og;

        public DryReports(OgService og) => _og = og;

        public void OnExecutionReport(in ExecutionReport report) => _og.Publish(report);
    }
}
