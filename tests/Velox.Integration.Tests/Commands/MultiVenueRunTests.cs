using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Simulator.Faults;

namespace Velox.Integration.Tests.Commands;

[NonParallelizable]
public class MultiVenueRunTests
{
    private static readonly string[] AllVenues = ["bitfinex", "binance", "okx"];

    [Test]
    public void Three_venues_report_their_books_in_sync()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(3));
        using var output = new StringWriter();
        var code = MultiVenueRun.Execute(new RunOptions { EventsPerSecond = 2_000 }, AllVenues, shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        AssertEveryVenueClean(text, AllVenues);
        Assert.That(StatusLine("binance").Matches(text), Has.Count.GreaterThanOrEqualTo(1), text);
        Assert.That(StatusLine("okx").Matches(text), Has.Count.GreaterThanOrEqualTo(1), text);
    }

    [Test]
    public void Injected_faults_are_detected_and_every_venue_recovers()
    {
        using var shutdown = new ShutdownSignal();
        // Faults at about 1 s and 2 s, then time to resync before the stop at 4 s.
        shutdown.StopAfter(TimeSpan.FromSeconds(4));
        using var output = new StringWriter();
        var options = new RunOptions { EventsPerSecond = 2_000, Faults = [FaultKind.DropFrame, FaultKind.CorruptChecksum], FaultEvery = TimeSpan.FromSeconds(1) };
        var code = MultiVenueRun.Execute(options, ["binance", "okx", "bybit", "kraken"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(text, Does.Contain("fault CorruptChecksum: binance has no such fault"));
        var binance = Summary("binance").Match(text);
        var okx = Summary("okx").Match(text);
        var bybit = Summary("bybit").Match(text);
        var kraken = Summary("kraken").Match(text);
        Assert.That(binance.Success && okx.Success && bybit.Success && kraken.Success, Is.True, text);
        Assert.That(kraken.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(int.Parse(kraken.Groups["mismatches"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(2), "the lost update and the bad checksum\n" + text);
        Assert.That(bybit.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(int.Parse(bybit.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
        Assert.That(binance.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(okx.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(int.Parse(binance.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
        Assert.That(int.Parse(okx.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
        Assert.That(okx.Groups["mismatches"].Value, Is.EqualTo("1"), text);
    }

    [Test]
    public void Binance_usdm_next_to_spot_ends_in_sync()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(3));
        using var output = new StringWriter();
        var code = MultiVenueRun.Execute(new RunOptions { EventsPerSecond = 2_000 }, ["binance", "binance-usdm"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        AssertEveryVenueClean(text, ["binance", "binance-usdm"]);
        Assert.That(text, Does.Contain("fapi/v1/depth"), text);
        Assert.That(StatusLine("binance-usdm").Matches(text), Has.Count.GreaterThanOrEqualTo(1), text);
    }

    [Test]
    public void Native_binary_runs_three_venues()
    {
        var binary = VeloxBinary.Require();
        var (code, output, error) = VeloxBinary.Run(binary, TimeSpan.FromMinutes(1), "run", "--venues", "bitfinex,binance,okx", "--duration", "3");
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error + output);
        AssertEveryVenueClean(output, AllVenues);
    }

    [Test]
    public void Bad_venue_lists_exit_2()
    {
        Assert.That(RunCommand.Run(["--venues", "nosuchvenue"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--venues", "okx,okx"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--venues", ","]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--venues", "okx", "--topology", "multi", "--duration", "1"]), Is.EqualTo(ExitCodes.Usage));
    }

    internal static void AssertEveryVenueClean(string text, string[] venues)
    {
        foreach (var venue in venues)
        {
            var summary = Summary(venue).Match(text);
            Assert.That(summary.Success, Is.True, $"{venue} summary missing:\n{text}");
            var books = summary.Groups["inSync"].Value.Split('/');
            Assert.That(books[0], Is.EqualTo(books[1]), $"{venue} books in sync:\n{text}");
            Assert.That(int.Parse(books[1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(summary.Groups["mismatches"].Value, Is.EqualTo("0"), text);
            Assert.That(summary.Groups["gaps"].Value, Is.EqualTo("0"), text);
            Assert.That(summary.Groups["errors"].Value, Is.EqualTo("0"), text);
            Assert.That(long.Parse(summary.Groups["updates"].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0), text);
        }
    }

    internal static Regex Summary(string venue) => new(
        $@"^  {venue}\s+[\d,]+ messages \((?<updates>[\d,]+) book updates, [\d,]+ trades\), books (?<inSync>\d+/\d+) in sync, checksums verified [\d,]+, mismatches (?<mismatches>\d+), gaps (?<gaps>\d+), resyncs \d+, reconnects \d+, errors (?<errors>\d+)",
        RegexOptions.Multiline);

    internal static Regex StatusLine(string venue) => new($@"^\[\s*\d+s\] {venue}\s+[\d,]+ msg/s \| books \d+/\d+ in sync", RegexOptions.Multiline);
}
