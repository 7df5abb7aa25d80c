using System.Globalization;
using Velox.Host.Commands;
using Velox.Host.Trading;
using Velox.Ipc;
using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The launcher's side of trading in the multi topology (`velox run --topology multi --strategy mm`): the og child's
/// and the engine's trading arguments, their status streams (og's counters and tick-to-trade, the engine's orders,
/// fills, position, PnL and risk rejections) for the status line and the summary, and the simulator's view of the
/// demo account's open orders at the end.
/// </summary>
public sealed class TopologyTrading : TopologyOrderEntry
{
    private readonly string _base;
    private readonly string _quote;

    public TopologyTrading(RunOptions options, IpcDirectory ipc)
        : base(options, ipc, "mm", "velox", EngineTradingStatus.Length, [TopologyStreams.OgStatus])
    {
        Symbol = options.Config.Strategy.Mm.Instrument ?? TradingSettings.DefaultInstrument;
        BenchScenarioDirectory = options.BenchDirectory;
        (_base, _quote) = TopologyInstruments.Currencies(Symbol);
    }

    public string Symbol { get; }

    /// <summary>Where og writes the tick-to-trade-ipc scenario at exit, or null.</summary>
    public string? BenchScenarioDirectory { get; }

    /// <summary>og's latest status.</summary>
    public OgStatusRecord Og => OgStatus(0);

    /// <summary>The engine's latest trading status.</summary>
    public EngineTradingStatus Engine => EngineTradingStatus.Read(EngineStatus);

    /// <summary>`velox og` arguments after the IPC directory.</summary>
    public IEnumerable<string> OgArguments(Uri simulator, Uri? rest = null)
    {
        IEnumerable<string> mode = Mode != ExecutionMode.Paper
            ? ["--mode", "dry-run", "--symbol", Symbol]
            : rest is null
                ? ["--mode", "paper", "--sim-url", simulator.ToString(), "--symbol", Symbol]
                : ["--mode", "paper", "--sim-url", simulator.ToString(), "--rest-url", rest.ToString(), "--symbol", Symbol];
        return BenchScenarioDirectory is null ? mode : [.. mode, "--bench-scenario", BenchScenarioDirectory];
    }

    public override IReadOnlyList<(string Role, string[] Arguments)> OgChildren(Uri bitfinex, Uri? bitfinexRest = null) => [("og", [.. OgArguments(bitfinex, bitfinexRest)])];

    public override IEnumerable<string> MdArguments() => [];

    /// <summary>The status line's trading part.</summary>
    public override string FormatLine() => $"{Engine.Format(_base, _quote)}, {Og.FormatTickToTrade()}";

    /// <summary>Writes the trading summary; returns the demo account's orders still open at the simulator.</summary>
    private protected override int WriteSummary(TextWriter output, int bitfinexOpen)
    {
        var engine = Engine;
        var og = Og;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"trading: {ModeName} market maker on {Symbol}, orders {engine.OrdersSent:N0} sent {engine.Acked:N0} acked {engine.Rejected:N0} rejected {engine.CancelAcks:N0} cancelled {engine.Expired:N0} expired, fills {engine.Fills:N0}, position {engine.Position:0.########} {_base}, pnl realized {engine.RealizedPnl:F2} unrealized {engine.UnrealizedPnl:F2} {_quote}, risk rejections {engine.RiskRejects:N0}, og refusals {engine.SinkRefusals:N0}"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {Measured}: {og.TickToTradeCount:N0} samples, p50 {og.TickToTradeP50 / 1000.0:F1} µs, p99 {og.TickToTradeP99 / 1000.0:F1} µs, p99.9 {og.TickToTradeP999 / 1000.0:F1} µs, max {og.TickToTradeMax / 1000.0:F1} µs"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  og: {og.Commands:N0} commands, {og.OrdersSent:N0} orders {og.CancelsSent:N0} cancels {og.AmendsSent:N0} amends {og.CancelAllsSent:N0} cancel-alls sent, {og.ReportsPublished:N0} reports ({og.ReportsDropped} dropped); engine open orders {engine.OpenOrders}; simulator open orders {bitfinexOpen}; journal {JournalPath} ({engine.JournalRecords:N0} records)"));
        return bitfinexOpen;
    }
}
