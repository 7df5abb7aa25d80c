using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Simulator.Faults;

namespace Velox.Integration.Tests.Commands;

[NonParallelizable]
public class MultiVenueRunHtxMexcTests
{
    [Test]
    public void Htx_next_to_bitfinex_ends_in_sync()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(3));
        using var output = new StringWriter();
        var code = MultiVenueRun.Execute(new RunOptions { EventsPerSecond = 2_000 }, ["bitfinex", "htx"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        MultiVenueRunTests.AssertEveryVenueClean(text, ["bitfinex", "htx"]);
        Assert.That(text, Does.Contain("htx      simulator ws://127.0.0.1:"), text);
    }

    [Test]
    public void Htx_faults_are_counted_and_the_connector_recovers()
    {
        using var shutdown = new ShutdownSignal();
        // Faults at about 1, 2 and 3 s; lost pongs end the connection after two 5 s pings at most, so the last is a disconnect.
        shutdown.StopAfter(TimeSpan.FromSeconds(5));
        using var output = new StringWriter();
        var options = new RunOptions { EventsPerSecond = 2_000, Faults = [FaultKind.CorruptChecksum, FaultKind.MalformedJson, FaultKind.DropFrame, FaultKind.Disconnect], FaultEvery = TimeSpan.FromSeconds(1) };
        var code = MultiVenueRun.Execute(options, ["htx"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        Assert.That(text, Does.Contain("fault DropFrame: htx has no such fault"), text);
        var htx = MultiVenueRunTests.Summary("htx").Match(text);
        Assert.That(htx.Success, Is.True, text);
        Assert.That(htx.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(htx.Groups["errors"].Value, Is.EqualTo("2"), "the spoiled gzip and the truncated JSON\n" + text);
        Assert.That(text, Does.Match(@"htx .* reconnects 1, errors 2"), text);
    }

    [Test]
    public void Mexc_next_to_htx_ends_in_sync()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(3));
        using var output = new StringWriter();
        var code = MultiVenueRun.Execute(new RunOptions { EventsPerSecond = 2_000 }, ["htx", "mexc"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        MultiVenueRunTests.AssertEveryVenueClean(text, ["htx", "mexc"]);
        Assert.That(text, Does.Contain("api/v3/depth"), text);
    }

    [Test]
    public void Mexc_gap_and_truncated_push_resync_from_rest()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(4));
        using var output = new StringWriter();
        var options = new RunOptions { EventsPerSecond = 2_000, Faults = [FaultKind.DropFrame, FaultKind.MalformedJson], FaultEvery = TimeSpan.FromSeconds(1) };
        var code = MultiVenueRun.Execute(options, ["mexc"], shutdown, output);
        var text = output.ToString();

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
        var mexc = MultiVenueRunTests.Summary("mexc").Match(text);
        Assert.That(mexc.Success, Is.True, text);
        Assert.That(mexc.Groups["inSync"].Value, Is.EqualTo("2/2"), text);
        Assert.That(int.Parse(mexc.Groups["gaps"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
        Assert.That(int.Parse(mexc.Groups["errors"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1), text);
    }
}
