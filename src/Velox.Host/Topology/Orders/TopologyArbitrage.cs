using System.Globalization;
using Velox.Host.Commands;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Simulator.Hosting;
using Velox.Strategies.Execution;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The launcher's side of `velox run --topology multi --strategy arb`: md publishes both venues, the engine runs the
/// arbitrage, one og per venue (Bitfinex on the order streams 12/13 and status 22, Binance on 14/15 and 24) sends the
/// legs; this reads both og's status (tick-to-trade per venue) and the engine's arbitrage status for the status line
/// and the summary, and counts the demo accounts' orders still open at both simulators at the end.
/// </summary>
public sealed class TopologyArbitrage : TopologyOrderEntry
{
    private readonly VenueSimulatorServer _binance;

    public TopologyArbitrage(RunOptions options, IpcDirectory ipc, VenueSimulatorServer binance)
        : base(options, ipc, "arb", "velox-arb", EngineArbitrageStatus.Length, [TopologyStreams.OgStatus, TopologyStreams.BinanceOgStatus])
    {
        ArgumentNullException.ThrowIfNull(binance);
        _binance = binance;
    }

    /// <summary>The Bitfinex og's latest status.</summary>
    public OgStatusRecord BitfinexOg => OgStatus(0);

    /// <summary>The Binance og's latest status.</summary>
    public OgStatusRecord BinanceOg => OgStatus(1);

    /// <summary>The engine's latest arbitrage status.</summary>
    public EngineArbitrageStatus Engine => EngineArbitrageStatus.Read(EngineStatus);

    public override IReadOnlyList<(string Role, string[] Arguments)> OgChildren(Uri bitfinex, Uri? bitfinexRest = null)
    {
        ArgumentNullException.ThrowIfNull(bitfinex);
        var paper = Mode == ExecutionMode.Paper;
        string[] bitfinexArgs = !paper
            ? ["--venue", "bitfinex", "--venues", "bitfinex,binance", "--mode", "dry-run"]
            : bitfinexRest is null
                ? ["--venue", "bitfinex", "--venues", "bitfinex,binance", "--mode", "paper", "--sim-url", bitfinex.ToString(), "--symbol", ArbitrageVenues.BitfinexSymbol]
                : ["--venue", "bitfinex", "--venues", "bitfinex,binance", "--mode", "paper", "--sim-url", bitfinex.ToString(), "--rest-url", bitfinexRest.ToString(), "--symbol", ArbitrageVenues.BitfinexSymbol];
        string[] streams =
        [
            "--stream-orders", Number(TopologyStreams.BinanceOrders), "--stream-reports", Number(TopologyStreams.BinanceReports),
            "--stream-status", Number(TopologyStreams.BinanceOgStatus),
        ];
        string[] binanceArgs = paper
            ? ["--venue", "binance", "--mode", "paper", "--sim-url", ArbitrageVenues.OrderEntryUrl(_binance).ToString(), "--rest-url", _binance.Rest!.BaseAddress.ToString(), .. streams]
            : ["--venue", "binance", "--mode", "dry-run", .. streams];
        return [("og-bitfinex", bitfinexArgs), ("og-binance", binanceArgs)];
    }

    public override IEnumerable<string> MdArguments() =>
        ["--venues", "bitfinex,binance", "--binance-url", ArbitrageVenues.MarketDataUrl(_binance).ToString(), "--binance-rest", _binance.Rest!.BaseAddress.ToString()];

    public override string FormatLine() => $"{Engine.Format()}, og bitfinex {BitfinexOg.FormatTickToTrade()}, og binance {BinanceOg.FormatTickToTrade()}";

    private protected override int WriteSummary(TextWriter output, int bitfinexOpen)
    {
        var engine = Engine;
        var binanceOpen = _binance.OrderEntry!.OpenOrderCount();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"trading: {ModeName} arbitrage {ArbitrageVenues.BitfinexSymbol}@bitfinex / {ArbitrageVenues.BinanceSymbol}@binance, orders {engine.OrdersSent:N0} sent (bitfinex {engine.BitfinexOrders:N0} binance {engine.BinanceOrders:N0}) {engine.Acked:N0} acked {engine.Rejected:N0} rejected {engine.Expired:N0} expired {engine.CancelAcks:N0} cancelled, fills bitfinex {engine.BitfinexFills:N0} binance {engine.BinanceFills:N0}, position bitfinex {engine.BitfinexPosition:0.########} binance {engine.BinancePosition:0.########} BTC, pnl bitfinex {engine.BitfinexPnl:F2} binance {engine.BinancePnl:F2} USD(T) (realized {engine.RealizedPnl:F2}), risk rejections {engine.RiskRejects:N0}, og refusals {engine.SinkRefusals:N0}"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  arbitrage: {engine.Opportunities:N0} opportunities, {engine.Completed:N0} completed, {engine.Failed:N0} failed, {engine.Recoveries:N0} recovering of which {engine.Recovered:N0} unwound flat ({engine.UnwindsSent:N0} unwind orders), open exposure {engine.Exposure / 1e8:0.########} BTC"));
        foreach (var (venue, og) in (ReadOnlySpan<(string, OgStatusRecord)>)[("bitfinex", BitfinexOg), ("binance", BinanceOg)])
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  og {venue}: {og.Commands:N0} commands, {og.OrdersSent:N0} orders {og.CancelsSent:N0} cancels {og.CancelAllsSent:N0} cancel-alls sent, {og.ReportsPublished:N0} reports ({og.ReportsDropped} dropped); {Measured}: {og.TickToTradeCount:N0} samples, p50 {og.TickToTradeP50 / 1000.0:F1} µs, p99 {og.TickToTradeP99 / 1000.0:F1} µs, max {og.TickToTradeMax / 1000.0:F1} µs"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  engine open orders {engine.OpenOrders}; simulator open orders bitfinex {bitfinexOpen} binance {binanceOpen}; journal {JournalPath} ({engine.JournalRecords:N0} records)"));
        return bitfinexOpen + binanceOpen;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
