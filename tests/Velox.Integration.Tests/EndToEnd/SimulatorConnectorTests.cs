using Velox.Simulator;
using Velox.Simulator.Faults;
using Velox.Venues.Bitfinex.Parsing;

namespace Velox.Integration.Tests.EndToEnd;

/// <summary>
/// Our Bitfinex connector (raw-socket WebSocket client, parser, books, sequence and checksum checks) against
/// our simulator over real loopback sockets: clean traffic verifies, and every injected fault is detected and
/// recovered from with the books back in sync.
/// </summary>
[NonParallelizable]
public class SimulatorConnectorTests
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);

    [Test]
    public void Sustained_traffic_verifies_every_checksum_with_no_gap()
    {
        using var sim = new SimulatedBitfinex(new SimulatorOptions { Seed = 3, EventsPerSecond = 20_000 });
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Recovery), Is.True, "books never got in sync");
        sim.PollFor(TimeSpan.FromSeconds(20));

        var stats = sim.Session.Stats;
        Assert.Multiple(() =>
        {
            Assert.That(stats.ChecksumsVerified, Is.GreaterThan(50_000));
            Assert.That(stats.ChecksumMismatches, Is.Zero);
            Assert.That(stats.SequenceGaps, Is.Zero);
            Assert.That(stats.SequencesChecked, Is.GreaterThan(stats.ChecksumsVerified));
            Assert.That(stats.Errors, Is.Zero);
            Assert.That(stats.Resyncs, Is.Zero);
            Assert.That(stats.TradesExecuted, Is.GreaterThan(0));
            Assert.That(sim.Connector.Connects, Is.EqualTo(1));
            Assert.That(sim.AllBooksInSync, Is.True);
            Assert.That(sim.Connector.ParseToBook.Count, Is.GreaterThan(50_000));
        });
    }

    [Test]
    public void Dropped_frame_is_a_gap_and_the_connector_reconnects_into_sync()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.DropFrame);
        Assert.That(sim.PollUntil(() => sim.Session.Stats.SequenceGaps == 1, Recovery), Is.True, "gap not detected");
        Assert.That(sim.PollUntil(() => sim.Connector.Connects == 2 && sim.AllBooksInSync, Recovery), Is.True, "no recovery");
        AssertCleanAfterRecovery(sim, mismatches: 0);
    }

    [Test]
    public void Corrupted_checksum_resubscribes_that_book()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.CorruptChecksum);
        Assert.That(sim.PollUntil(() => sim.Session.Stats.ChecksumMismatches == 1, Recovery), Is.True, "mismatch not detected");
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync && sim.Session.Stats.Resyncs >= 1, Recovery), Is.True, "no recovery");
        Assert.That(sim.Connector.Connects, Is.EqualTo(1), "a checksum mismatch resubscribes, it does not reconnect");
        AssertCleanAfterRecovery(sim, mismatches: 1);
    }

    [Test]
    public void Malformed_frame_is_counted_and_skipped()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.MalformedJson);
        Assert.That(sim.PollUntil(() => sim.Session.Stats.Errors >= 1, Recovery), Is.True, "malformed frame not counted");
        Assert.That(sim.Session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Recovery), Is.True);
    }

    [Test]
    public void Abrupt_disconnect_reconnects_and_resubscribes()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.Disconnect);
        Assert.That(sim.PollUntil(() => sim.Connector.Disconnects >= 1, Recovery), Is.True, "drop not noticed");
        Assert.That(sim.PollUntil(() => sim.Connector.Connects >= 2 && sim.AllBooksInSync, Recovery), Is.True, "no recovery");
        AssertCleanAfterRecovery(sim, mismatches: 0);
    }

    [Test]
    public void Server_restart_notice_20051_reconnects()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.InfoReconnect);
        Assert.That(sim.PollUntil(() => sim.Connector.Connects >= 2 && sim.AllBooksInSync, Recovery), Is.True, "no reconnect on 20051");
        AssertCleanAfterRecovery(sim, mismatches: 0);
    }

    [Test]
    public void Maintenance_pauses_books_and_the_end_notice_brings_them_back()
    {
        using var sim = Started();
        sim.Server.InjectFault(FaultKind.MaintenanceStart);
        Assert.That(sim.PollUntil(() => sim.BooksInSync == 0, Recovery), Is.True, "books not paused on 20060");
        sim.Server.InjectFault(FaultKind.MaintenanceEnd);
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Recovery), Is.True, "books not back after 20061");
        AssertCleanAfterRecovery(sim, mismatches: 0);
    }

    [Test]
    public void Stall_then_traffic_resumes_in_sync()
    {
        using var sim = Started();
        var before = sim.Session.Stats.Frames;
        sim.Server.InjectFault(FaultKind.Stall, stallMillis: 500);
        sim.PollFor(TimeSpan.FromMilliseconds(800));
        Assert.That(sim.PollUntil(() => sim.Session.Stats.Frames > before + 1000, Recovery), Is.True, "traffic did not resume");
        AssertCleanAfterRecovery(sim, mismatches: 0);
    }

    private static SimulatedBitfinex Started()
    {
        var sim = new SimulatedBitfinex(new SimulatorOptions { Seed = 5, EventsPerSecond = 5_000 });
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Recovery), Is.True, "books never got in sync");
        sim.PollFor(TimeSpan.FromMilliseconds(300));
        Assert.That(sim.Session.Stats.ChecksumMismatches, Is.Zero);
        return sim;
    }

    /// <summary>After recovery, another stretch of traffic verifies with no new mismatch and no internal error.</summary>
    private static void AssertCleanAfterRecovery(SimulatedBitfinex sim, long mismatches)
    {
        var verified = sim.Session.Stats.ChecksumsVerified;
        sim.PollFor(TimeSpan.FromSeconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(sim.Session.Stats.ChecksumsVerified, Is.GreaterThan(verified + 100));
            Assert.That(sim.Session.Stats.ChecksumMismatches, Is.EqualTo(mismatches));
            Assert.That(sim.Session.Stats.ErrorsFor(FrameError.Internal), Is.Zero);
            Assert.That(sim.AllBooksInSync, Is.True);
        });
    }
}
