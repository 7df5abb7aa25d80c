using Velox.Core;
using Velox.Core.Instruments;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Trading;
using Velox.Host.Trading.Arbitrage;
using Velox.Simulator.Faults;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Venues.Binance.Trading;

namespace Velox.Integration.Tests.Trading;

/// <summary>
/// `velox run --strategy arb --venues bitfinex,binance` in this process against both simulators: cycles complete
/// with both legs filled, an injected Binance reject turns into a recovery that is unwound, positions and PnL
/// match the journal, and nothing is left open at either simulator after shutdown.
/// </summary>
public sealed class ArbitrageRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private static readonly string[] CliValued = ["strategy", "venues", "mode", "journal", "topology"];

    [Test]
    public void Paper_arbitrage_completes_recovers_from_an_injected_leg_reject_and_leaves_nothing_open()
    {
        using var arb = new ArbRun(ExecutionMode.Paper);
        arb.Start();
        Assert.That(arb.WaitFor(s => s.Completed >= 1 && s.BinanceFills >= 1 && s.BitfinexFills >= 1, Timeout), Is.True, $"no completed arbitrage:\n{arb.Output}");

        // Reject the next Binance order at the venue until a cycle's Binance leg is the one refused while its Bitfinex leg filled.
        var run = arb.Run;
        var events = new List<ArbitrageEvent>();
        var recovered = FindInjectedRecovery(arb, events);
        Assert.That(recovered, Is.True, $"no injected reject led to an unwound recovery; events: {string.Join(", ", events.Select(e => e.Kind))}\n{arb.Output}");

        Assert.That(arb.StopAndWait(), Is.EqualTo(ExitCodes.Ok), arb.Output);
        var status = run.Status;
        var stop = run.Loop.Stop!;
        var a = run.BitfinexInstrument.Id;
        var b = run.BinanceInstrument.Id;
        var positions = run.Engine.Positions;
        Assert.Multiple(() =>
        {
            Assert.That(stop.StillOpen, Is.Zero);
            Assert.That(run.BitfinexServer.Simulator!.Engine.OpenOrderCount(0), Is.Zero, "nothing resting at the Bitfinex simulator");
            Assert.That(run.BinanceServer.OrderEntry!.OpenOrderCount(), Is.Zero, "nothing resting at the Binance simulator");
            Assert.That(status.Exposure, Is.Zero, "no exposure left open");
            Assert.That(positions[a].Quantity.Raw + positions[b].Quantity.Raw, Is.Zero, "every completed cycle bought on one venue what it sold on the other; every shortfall was unwound");
            Assert.That(status.Trading.Errors, Is.Zero);
            Assert.That(status.Trading.TickToTradeCount, Is.GreaterThan(0));
            Assert.That(arb.Output, Does.Contain("unwound flat"));
            Assert.That(arb.Output, Does.Contain("open at the simulators: bitfinex 0, binance 0"));
        });

        // Independently of the engine: replay the journal's fills per instrument.
        var orders = new Dictionary<long, (Side Side, InstrumentId Instrument)>();
        var position = new Dictionary<InstrumentId, long>();
        var fees = new Dictionary<InstrumentId, long>();
        var cash = new Dictionary<InstrumentId, Int128>();
        var last = new Dictionary<InstrumentId, long>();
        long fills = 0;
        using (var reader = JournalReader.Open(run.JournalPath))
        {
            JournalReadStatus read;
            while ((read = reader.TryRead(out var entry)) == JournalReadStatus.Record)
            {
                if (entry.Type == JournalRecordType.NewOrder)
                {
                    orders.Add(entry.ClientOrderId, (entry.Side, entry.Instrument));
                }
                else if (entry.Type == JournalRecordType.Report && entry.ExecType == ExecType.Fill && (ReportOutcome)entry.Code == ReportOutcome.Applied)
                {
                    var (side, instrument) = orders[entry.ClientOrderId];
                    var signed = side == Side.Bid ? entry.Quantity.Raw : -entry.Quantity.Raw;
                    position[instrument] = position.GetValueOrDefault(instrument) + signed;
                    fees[instrument] = fees.GetValueOrDefault(instrument) + entry.Fee;
                    cash[instrument] = cash.GetValueOrDefault(instrument) - ((Int128)signed * entry.Price.Raw);
                    last[instrument] = entry.Price.Raw;
                    fills++;
                }
            }

            Assert.That(read, Is.EqualTo(JournalReadStatus.End), reader.Error);
        }

        Assert.Multiple(() =>
        {
            Assert.That(fills, Is.EqualTo(status.Trading.Fills));
            Assert.That(fills, Is.EqualTo(status.BitfinexFills + status.BinanceFills));
            foreach (var id in new[] { a, b })
            {
                Assert.That(position.GetValueOrDefault(id), Is.EqualTo(positions[id].Quantity.Raw), $"position of {id}");
                Assert.That(fees.GetValueOrDefault(id), Is.EqualTo(positions[id].Fees), $"fees of {id}");
                var mark = new Core.Numerics.Price(last.GetValueOrDefault(id));
                Assert.That(positions[id].RealizedPnl + positions.UnrealizedPnl(id, mark), Is.EqualTo(cash.GetValueOrDefault(id) + ((Int128)position.GetValueOrDefault(id) * mark.Raw)), $"pnl of {id}");
            }
        });
    }

    [Test]
    public void Dry_run_arbitrage_decides_but_sends_nothing_to_either_simulator()
    {
        using var arb = new ArbRun(ExecutionMode.DryRun);
        arb.Start();
        Assert.That(arb.WaitFor(s => s.Opportunities >= 1 && s.Trading.OrdersSent >= 2, Timeout), Is.True, $"no decisions:\n{arb.Output}");
        Assert.That(arb.StopAndWait(), Is.EqualTo(ExitCodes.Ok), arb.Output);
        Assert.Multiple(() =>
        {
            Assert.That(arb.Run.BitfinexServer.Simulator!.Engine.Requests, Is.Zero);
            Assert.That(arb.Run.BinanceServer.OrderEntry!.Engine.Requests, Is.Zero);
            Assert.That(arb.Run.Status.Trading.Fills, Is.Zero);
            Assert.That(arb.Output, Does.Contain("tick-to-decision"));
        });
    }

    [Test]
    public void Command_line_accepts_arb_on_bitfinex_and_binance_only()
    {
        Assert.That(TradingCommandLine.TryRead(Cli("--strategy", "arb", "--venues", "bitfinex,binance", "--mode", "paper"), out var strategy, out var mode, out _, out var error), Is.True, error);
        Assert.That(strategy, Is.EqualTo(TradingStrategy.Arbitrage));
        Assert.That(mode, Is.EqualTo(ExecutionMode.Paper));
        Assert.That(TradingCommandLine.TryRead(Cli("--strategy", "arb", "--venues", "binance,bitfinex"), out _, out _, out _, out error), Is.True, error);
        Assert.That(TradingCommandLine.TryRead(Cli("--strategy", "arb", "--venues", "bitfinex,okx"), out _, out _, out _, out error), Is.False);
        Assert.That(error, Does.Contain("bitfinex,binance"));
        Assert.That(TradingCommandLine.TryRead(Cli("--strategy", "mm", "--venues", "bitfinex,binance"), out _, out _, out _, out error), Is.False);
        Assert.That(TradingCommandLine.TryRead(Cli("--strategy", "arb", "--venues", "bitfinex,binance", "--topology", "multi"), out strategy, out _, out _, out error), Is.True, error);
        Assert.That(strategy, Is.EqualTo(TradingStrategy.Arbitrage), "the multi topology runs the arbitrage too");
    }

    private static CliArguments Cli(params string[] args)
    {
        Assert.That(CliArguments.TryParse(args, 0, [], CliValued, out var cli, out var error), Is.True, error);
        return cli;
    }

    /// <summary>Injects Binance rejects one at a time until a LegShortfall whose Binance leg was venue-rejected is followed by Unwound.</summary>
    private static bool FindInjectedRecovery(ArbRun arb, List<ArbitrageEvent> seen)
    {
        var run = arb.Run;
        var deadline = DateTime.UtcNow + Timeout;
        var armedRejects = 0L;
        long shortfallBuy = -1, shortfallSell = -1;
        while (DateTime.UtcNow < deadline)
        {
            var rejected = run.Status.Trading.Rejected;
            if (rejected >= armedRejects)
            {
                Assert.That(run.BinanceServer.InjectFault(FaultKind.RejectOrder), Is.GreaterThanOrEqualTo(1), "the gateway's WebSocket API connection takes order faults");
                armedRejects = rejected + 1;
            }

            var batch = new List<ArbitrageEvent>();
            run.DrainEvents(batch);
            seen.AddRange(batch);
            foreach (var e in batch)
            {
                if (e.Kind == ArbitrageEventKind.LegShortfall && (IsVenueReject(run, e.BuyOrderId) || IsVenueReject(run, e.SellOrderId)))
                {
                    (shortfallBuy, shortfallSell) = (e.BuyOrderId, e.SellOrderId);
                }
                else if (e.Kind == ArbitrageEventKind.Unwound && e.BuyOrderId == shortfallBuy && e.SellOrderId == shortfallSell && e.Exposure == 0)
                {
                    return true;
                }
            }

            Thread.Sleep(20);
        }

        return false;
    }

    private static bool IsVenueReject(ArbitrageRun run, long clientOrderId) =>
        run.Engine.Orders.TryGet(clientOrderId, out var order) && order.State == Velox.Trading.Orders.OrderState.Rejected
        && order.RejectCode == (ushort)BinanceRejectCode.VenueNewOrderRejected;

    [Test]
    public void Paper_arbitrage_with_order_entry_faults_reconnects_reconciles_and_ends_consistent()
    {
        using var arb = new ArbRun(ExecutionMode.Paper, [FaultKind.DisconnectOnOrder, FaultKind.RejectOrder]);
        arb.Start();
        Assert.That(
            SpinWait.SpinUntil(() => arb.Output.Contains("reconciliations", StringComparison.Ordinal) && !arb.Output.Contains("0 reconciliations", StringComparison.Ordinal)
                && arb.Output.Contains("injected fault: RejectOrder", StringComparison.Ordinal), Timeout),
            Is.True,
            $"no order connection drop was reconciled:\n{arb.Output}");

        var run = arb.Run;
        Assert.That(arb.StopAndWait(), Is.EqualTo(ExitCodes.Ok), arb.Output);
        var status = run.Status;
        var positions = run.Engine.Positions;
        Assert.Multiple(() =>
        {
            Assert.That(run.Loop.Stop!.StillOpen, Is.Zero, "nothing open in the OMS");
            Assert.That(run.Engine.Orders.OpenOrders, Is.Zero);
            Assert.That(run.BinanceServer.OrderEntry!.OpenOrderCount(), Is.Zero, "nothing resting at the Binance simulator");
            Assert.That(run.BitfinexServer.Simulator!.Engine.OpenOrderCount(0), Is.Zero, "nothing resting at the Bitfinex simulator");
            Assert.That(status.Exposure, Is.Zero);
            Assert.That(positions[run.BitfinexInstrument.Id].Quantity.Raw + positions[run.BinanceInstrument.Id].Quantity.Raw, Is.Zero, "flat across the venues");
            Assert.That(arb.Output, Does.Contain("injected fault: DisconnectOnOrder"));
            Assert.That(arb.Output, Does.Contain("faults: "));
            Assert.That(arb.Output, Does.Contain("open at the simulators: bitfinex 0, binance 0"));
        });
    }

    [Test]
    public void Dry_run_arbitrage_with_market_data_faults_summarizes_them_without_an_order_connection()
    {
        using var arb = new ArbRun(ExecutionMode.DryRun, [FaultKind.DropFrame]);
        arb.Start();
        Assert.That(
            SpinWait.SpinUntil(() => arb.Output.Contains("injected fault: DropFrame", StringComparison.Ordinal), Timeout),
            Is.True,
            $"no fault injected:\n{arb.Output}");

        Assert.That(arb.StopAndWait(), Is.EqualTo(ExitCodes.Ok), arb.Output);
        var summary = arb.Output.Split('\n').Single(line => line.StartsWith("  faults: ", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.That(summary, Does.Match(@"^  faults: [1-9][0-9]* injected \(DropFrame every 1 s\)(, [0-9]+ taken by no connection)?$"), "a dry run has no Binance order connection to report");
    }

    /// <summary>An arbitrage run in this process, its md thread and status thread on a task.</summary>
    private sealed class ArbRun : IDisposable
    {
        private readonly ShutdownSignal _shutdown = new(_ => { }, TextWriter.Null);
        private readonly StringWriter _output = new();
        private readonly TextWriter _writer;
        private readonly string _directory;
        private Task<int>? _execution;

        public ArbRun(ExecutionMode mode, IReadOnlyList<FaultKind>? faults = null)
        {
            _writer = TextWriter.Synchronized(_output);
            _directory = Path.Combine(Path.GetTempPath(), $"velox-arb-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_directory);
            var options = new RunOptions
            {
                Strategy = TradingStrategy.Arbitrage,
                TradingMode = mode,
                JournalPath = Path.Combine(_directory, "arb.journal"),
                EventsPerSecond = 200,
                Seed = 7,
                Faults = faults ?? [],
                FaultEvery = TimeSpan.FromSeconds(1),
            };
            Assert.That(ArbitrageRun.TryCreate(options, null, out var run, out var error), Is.True, error);
            Run = run!;
        }

        public ArbitrageRun Run { get; }

        public string Output
        {
            get
            {
                lock (_writer)
                {
                    return _output.ToString();
                }
            }
        }

        public void Start() => _execution = Task.Run(() => Run.Execute(_shutdown, _writer));

        public bool WaitFor(Func<ArbitrageSnapshot, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (condition(Run.Status))
                {
                    return true;
                }

                Thread.Sleep(50);
            }

            return false;
        }

        public int StopAndWait()
        {
            _shutdown.Handle(System.Runtime.InteropServices.PosixSignal.SIGTERM);
            Assert.That(_execution!.Wait(TimeSpan.FromSeconds(30)), Is.True, "the run did not stop");
            return _execution.Result;
        }

        public void Dispose()
        {
            if (_execution is not null && !_execution.IsCompleted)
            {
                _shutdown.Handle(System.Runtime.InteropServices.PosixSignal.SIGTERM);
                _execution.Wait(TimeSpan.FromSeconds(30));
            }

            Run.Dispose();
            _shutdown.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
