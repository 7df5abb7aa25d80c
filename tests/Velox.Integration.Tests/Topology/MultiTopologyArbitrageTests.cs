using System.Globalization;
using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Topology;
using Velox.Host.Trading;
using Velox.Integration.Tests.Commands;
using Velox.Strategies.Execution;

namespace Velox.Integration.Tests.Topology;

/// <summary>
/// `velox run --topology multi --strategy arb`: md (Bitfinex and Binance), engine (the arbitrage) and one og per venue
/// as real child processes of the AOT binary over shared-memory IPC, against the embedded Bitfinex and the simulated
/// Binance with its book dislocations.
/// </summary>
[NonParallelizable]
public partial class MultiTopologyArbitrageTests
{
    private string _journal = string.Empty;

    [SetUp]
    public void SetUp() => _journal = Path.Combine(Path.GetTempPath(), $"velox-multi-arb-{Guid.NewGuid():N}.journal");

    [TearDown]
    public void TearDown() => File.Delete(_journal);

    [Test]
    public void Paper_arbitrage_sends_legs_to_both_venues_and_stops_with_nothing_open()
    {
        var binary = VeloxBinary.Require();
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(12));
        using var output = new StringWriter();

        var code = TopologyLauncher.Execute(Options(), shutdown, output, new VeloxExecutable(binary, []));
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        var trading = TradingLine().Match(text);
        Assert.That(trading.Success, Is.True, text);
        var (bitfinexOrders, binanceOrders) = (Number(trading, "bitfinex"), Number(trading, "binance"));
        Assert.That(bitfinexOrders, Is.GreaterThan(0), "legs went to Bitfinex: " + text);
        Assert.That(binanceOrders, Is.GreaterThan(0), "legs went to Binance: " + text);
        Assert.That(Number(trading, "sent"), Is.EqualTo(bitfinexOrders + binanceOrders));
        foreach (var (venue, orders) in new[] { ("bitfinex", bitfinexOrders), ("binance", binanceOrders) })
        {
            var og = Regex.Match(text, $@"og {venue}: [\d,]+ commands, (?<orders>[\d,]+) orders");
            Assert.That(og.Success, Is.True, text);
            Assert.That(Number(og, "orders"), Is.EqualTo(orders), $"the {venue} og sent every leg the engine routed to it");
        }

        var open = OpenLine().Match(text);
        Assert.That(open.Success, Is.True, text);
        Assert.That((open.Groups["engine"].Value, open.Groups["bitfinex"].Value, open.Groups["binance"].Value), Is.EqualTo(("0", "0", "0")), "nothing left open anywhere");
        Assert.That(Regex.Matches(text, @"stopped (md|engine|og-bitfinex|og-binance) \(pid \d+\): exit code 0"), Has.Count.EqualTo(4), text);
        Assert.That(Regex.IsMatch(text, @"og binance: .* tick-to-trade \(md frame read → og send\): [\d,]+ samples, p50 [\d.]+ µs"), Is.True, text);

        // The journal tells the same story: each venue's orders, and positions rebuilt from its fills match the summary.
        var (dumpCode, dump, dumpError) = VeloxBinary.Run(binary, TimeSpan.FromSeconds(60), "journal", "dump", _journal);
        Assert.That(dumpCode, Is.EqualTo(0), dumpError);
        var sides = new Dictionary<string, string>();
        var newOrders = new long[2];
        foreach (Match m in NewOrderRecord().Matches(dump))
        {
            sides[m.Groups["clid"].Value] = m.Groups["side"].Value;
            newOrders[int.Parse(m.Groups["inst"].Value, CultureInfo.InvariantCulture)]++;
        }

        Assert.That((newOrders[0], newOrders[1]), Is.EqualTo((bitfinexOrders, binanceOrders)), "journal NewOrder records per instrument");
        var positions = new decimal[2];
        var fills = new long[2];
        foreach (Match m in FillRecord().Matches(dump))
        {
            var instrument = int.Parse(m.Groups["inst"].Value, CultureInfo.InvariantCulture);
            var quantity = decimal.Parse(m.Groups["qty"].Value, CultureInfo.InvariantCulture) / 100_000_000m;
            positions[instrument] += sides[m.Groups["clid"].Value] == "Bid" ? quantity : -quantity;
            fills[instrument]++;
        }

        Assert.That((fills[0], fills[1]), Is.EqualTo((Number(trading, "bitfinexFills"), Number(trading, "binanceFills"))), text);
        Assert.That(positions[0], Is.EqualTo(Position(trading, "bitfinexPosition")), "Bitfinex position from the journal's fills");
        Assert.That(positions[1], Is.EqualTo(Position(trading, "binancePosition")), "Binance position from the journal's fills");
    }

    [Test]
    public void Dry_run_arbitrage_is_answered_by_both_og_s_without_touching_the_simulators()
    {
        var binary = VeloxBinary.Require();
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(10));
        using var output = new StringWriter();

        var code = TopologyLauncher.Execute(Options(ExecutionMode.DryRun), shutdown, output, new VeloxExecutable(binary, []));
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        var trading = Regex.Match(text, @"^trading: dry-run arbitrage .* orders (?<sent>[\d,]+) sent \(bitfinex (?<bitfinex>[\d,]+) binance (?<binance>[\d,]+)\) (?<acked>[\d,]+) acked .* fills bitfinex (?<bitfinexFills>[\d,]+) binance (?<binanceFills>[\d,]+)", RegexOptions.Multiline);
        Assert.That(trading.Success, Is.True, text);
        Assert.That(Number(trading, "bitfinex"), Is.GreaterThan(0), text);
        Assert.That(Number(trading, "binance"), Is.GreaterThan(0), text);
        Assert.That(Number(trading, "acked"), Is.EqualTo(Number(trading, "sent")), "each og's dry-run venue acknowledges every leg");
        Assert.That((Number(trading, "bitfinexFills"), Number(trading, "binanceFills")), Is.EqualTo((0L, 0L)), "nothing reaches a venue");
        Assert.That(text, Does.Contain("tick-to-decision"), text);
        Assert.That(OpenLine().Match(text).Groups["binance"].Value, Is.EqualTo("0"), text);
    }

    private RunOptions Options(ExecutionMode mode = ExecutionMode.Paper) => new()
    {
        EventsPerSecond = 3_000,
        MultiProcess = true,
        Strategy = TradingStrategy.Arbitrage,
        TradingMode = mode,
        JournalPath = _journal,
    };

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static decimal Position(Match match, string group) => decimal.Parse(match.Groups[group].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^trading: paper arbitrage \S+ / \S+, orders (?<sent>[\d,]+) sent \(bitfinex (?<bitfinex>[\d,]+) binance (?<binance>[\d,]+)\) .* fills bitfinex (?<bitfinexFills>[\d,]+) binance (?<binanceFills>[\d,]+), position bitfinex (?<bitfinexPosition>-?[\d.]+) binance (?<binancePosition>-?[\d.]+) BTC", RegexOptions.Multiline)]
    private static partial Regex TradingLine();

    [GeneratedRegex(@"engine open orders (?<engine>\d+); simulator open orders bitfinex (?<bitfinex>\d+) binance (?<binance>\d+);")]
    private static partial Regex OpenLine();

    [GeneratedRegex(@"NewOrder\s+clid=(?<clid>\d+) inst=(?<inst>\d) (?<side>Bid|Ask) ")]
    private static partial Regex NewOrderRecord();

    [GeneratedRegex(@"Report\s+Fill clid=(?<clid>\d+) outcome=Applied inst=(?<inst>\d) .* qty=(?<qty>\d+) ")]
    private static partial Regex FillRecord();
}
