using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Simulator.Faults;

namespace Velox.Integration.Tests.Commands;

[NonParallelizable]
public class MultiVenueRunGateIoCoinbaseTests
{
    private static readonly string[] Venues = ["gateio", "coinbase"];

    [Test]
    public void Gate_io_and_Coinbase_report_their_books_in_sync()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(3));
        using var output = new StringWriter();
        var code = MultiVenueRun.Execute(new RunOptions { EventsPerSecond = 2_000 }, Venues, shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        MultiVenueRunTests.AssertEveryVenueClean(text, Venues);
        Assert.That(MultiVenueRunTests.StatusLine("gateio").Matches(text), Has.Count.GreaterThanOrEqualTo(1), text);
        Assert.That(MultiVenueRunTests.StatusLine("coinbase").Matches(text), Has.Count.GreaterThanOrEqualTo(1), text);
        Assert.That(text, Does.Contain("api/v4/spot/order_book"), "the banner names the REST snapshot endpoint");
    }

    [Test]
    public void Injected_faults_are_detected_and_both_recover()
    {
        using var shutdown = new ShutdownSignal();
        // Faults at about 1 s, 2 s and 3 s, then time to resync before the stop at 4 s.
        shutdown.StopAfter(TimeSpan.FromSeconds(4));
        using var output = new StringWriter();
        var options = new RunOptions { EventsPerSecond = 2_000, Faults = [FaultKind.DropFrame, FaultKind.MalformedJson], FaultEvery = TimeSpan.FromSeconds(1) };
        var code = MultiVenueRun.Execute(options, Venues, shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(text, Does.Contain("injected fault: DropFrame into gateio"));
        Assert.That(text, Does.Contain("fault DropFrame: coinbase has no such fault"), "level2 has no sequence: a lost update is not injected as if it could be seen");
        Assert.That(text, Does.Contain("injected fault: MalformedJson into coinbase"));
        var gateIo = MultiVenueRunTests.Summary("gateio").Match(text);
        var coinbase = MultiVenueRunTests.Summary("coinbase").Match(text);
        Assert.That(gateIo.Success && coinbase.Success, Is.True, text);
        Assert.That(gateIo.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(coinbase.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(int.Parse(gateIo.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
        Assert.That(coinbase.Groups["errors"].Value, Is.EqualTo("1"), "the truncated update\n" + text);
    }
}
