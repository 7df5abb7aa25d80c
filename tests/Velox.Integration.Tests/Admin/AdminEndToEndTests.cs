using System.Net;
using Velox.Admin.Server;
using Velox.Host.Admin;
using Velox.Integration.Tests.EndToEnd;
using Velox.MarketData.Events;
using Velox.Simulator;
using Velox.Simulator.Faults;

namespace Velox.Integration.Tests.Admin;

/// <summary>
/// The admin plane of `velox run` against the simulator, over real HTTP on 127.0.0.1. The connector is
/// polled on the test thread, so a book can be held in Resyncing while the endpoints are asked.
/// </summary>
[NonParallelizable]
public class AdminEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Metrics_health_and_ready_follow_traffic_and_an_injected_checksum_fault()
    {
        using var sim = new SimulatedBitfinex(new SimulatorOptions { Seed = 3, EventsPerSecond = 5_000 });
        Assert.That(
            RunAdmin<NullMarketDataHandler>.TryStart(new AdminEndpoint(IPAddress.Loopback, 0), "t0ken", sim.Connector, out var admin, out var error),
            Is.True, error);
        using var _ = admin;
        using var http = new HttpClient { BaseAddress = admin!.Server.Url, Timeout = TimeSpan.FromSeconds(20) };

        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "not connected yet");

        Assert.That(sim.PollUntil(() => sim.AllBooksInSync && sim.Connector.ParseToBook.Count > 500, Patience), Is.True, "books in sync with traffic");
        admin.Feed.Publish();
        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await http.GetAsync("health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var metrics = await http.GetStringAsync("metrics");
        Assert.That(AdminScrape.Value(metrics, "velox_messages_total", "venue=\"bitfinex\""), Is.EqualTo(sim.Session.Stats.Frames).And.GreaterThan(500));
        Assert.That(AdminScrape.Value(metrics, "velox_bytes_received_total", "venue=\"bitfinex\""), Is.GreaterThan(10_000));
        Assert.That(AdminScrape.Value(metrics, "velox_parse_to_book_seconds_count", "venue=\"bitfinex\""), Is.EqualTo(sim.Connector.ParseToBook.Count));
        Assert.That(AdminScrape.Value(metrics, "velox_parse_to_book_seconds_bucket", "venue=\"bitfinex\",le=\"+Inf\""), Is.EqualTo(sim.Connector.ParseToBook.Count));
        Assert.That(AdminScrape.Values(metrics, "velox_book_in_sync"), Has.Count.EqualTo(sim.BookCount).And.All.EqualTo(1));
        Assert.That(AdminScrape.Value(metrics, "velox_connection_up", "connection=\"bitfinex\""), Is.EqualTo(1));
        Assert.That(AdminScrape.Value(metrics, "velox_last_message_age_seconds", "connection=\"bitfinex\""), Is.InRange(0, 5));
        Assert.That(AdminScrape.Value(metrics, "velox_checksum_mismatches_total", "venue=\"bitfinex\""), Is.Zero);
        var resyncsBefore = AdminScrape.Value(metrics, "velox_resyncs_total", "venue=\"bitfinex\"");

        Assert.That(sim.Server.InjectFault(FaultKind.CorruptChecksum), Is.EqualTo(1));
        Assert.That(sim.PollUntil(() => sim.Session.Stats.ChecksumMismatches >= 1, Patience), Is.True, "the corrupted checksum is detected");
        admin.Feed.Publish();

        using (var health = await http.GetAsync("health"))
        {
            var body = await health.Content.ReadAsStringAsync();
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(body, Does.Contain("\"state\": \"resyncing\""));
            Assert.That(body, Does.Contain("\"status\": \"unhealthy\""));
        }

        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "readiness is latched once reached");
        metrics = await http.GetStringAsync("metrics");
        Assert.That(AdminScrape.Value(metrics, "velox_resyncs_total", "venue=\"bitfinex\""), Is.EqualTo(resyncsBefore + 1));
        Assert.That(AdminScrape.Value(metrics, "velox_checksum_mismatches_total", "venue=\"bitfinex\""), Is.EqualTo(1));
        Assert.That(AdminScrape.Values(metrics, "velox_book_in_sync"), Does.Contain(0.0));

        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Patience), Is.True, "the book recovers");
        admin.Feed.Publish();
        Assert.That((await http.GetAsync("health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Publishing_to_the_admin_plane_allocates_nothing()
    {
        using var sim = new SimulatedBitfinex(new SimulatorOptions { Seed = 4, EventsPerSecond = 2_000 });
        Assert.That(
            RunAdmin<NullMarketDataHandler>.TryStart(new AdminEndpoint(IPAddress.Loopback, 0), null, sim.Connector, out var admin, out var error),
            Is.True, error);
        using var _ = admin;
        Assert.That(sim.PollUntil(() => sim.AllBooksInSync, Patience), Is.True);
        admin!.Feed.Publish();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            admin.Feed.Publish();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
