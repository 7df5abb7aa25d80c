using Velox.Admin.Health;
using Velox.Host.Admin;
using Velox.Ipc;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;

namespace Velox.Integration.Tests.Admin;

/// <summary>IPC liveness, positions and back-pressure read from a real IPC directory for /health and /metrics.</summary>
public class IpcDirectoryStatusTests
{
    [Test]
    public void A_live_publisher_is_reported_with_positions_then_back_pressure_then_as_gone_when_closed()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"velox-admin-ipc-{Guid.NewGuid():N}");
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory, TermLength = 64 * 1024 });
            using var publication = ipc.AddExclusivePublication(42);
            using var subscription = ipc.AddSubscription(42);
            var handler = new Counting();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (subscription.Status != SubscriptionStatus.Connected || !publication.IsConnected)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"not connected: {subscription.Status}");
                publication.DoWork();
                subscription.Poll(ref handler, 10);
                Thread.Sleep(1);
            }

            for (var i = 0; i < 10; i++)
            {
                Assert.That(Offer(publication, new byte[100]), Is.GreaterThan(0));
            }

            Assert.That(subscription.Poll(ref handler, 4), Is.EqualTo(4));
            var source = new IpcDirectoryStatus(directory, ipc.Options.PublisherTimeoutMillis);
            var status = source.ReadPublishers().Single();

            Assert.That(status.Stream, Is.EqualTo("42"));
            Assert.That(status.Alive, Is.True);
            Assert.That(status.PublisherPosition, Is.EqualTo(publication.Position));
            Assert.That(status.SlowestSubscriberPosition, Is.EqualTo(subscription.Position).Or.LessThan(subscription.Position), "the counter trails the image by at most a poll");
            Assert.That(status.PublisherLimit, Is.GreaterThan(status.PublisherPosition));
            Assert.That(status.BackPressured, Is.False);

            long result;
            var offers = 0;
            do
            {
                result = Offer(publication, new byte[1000]);
                offers++;
            }
            while (result > 0 && offers < 10_000);

            Assert.That(result, Is.EqualTo(PublicationResult.BackPressured));
            Assert.That(source.ReadPublishers().Single().BackPressured, Is.True);

            var board = new HealthBoard { Ipc = source };
            board.AddConnection("md").Update(true, 1, 0, Core.Time.MonotonicClock.Now(), null);
            Assert.That(board.Evaluate().Healthy, Is.True, "connected, no books, publisher alive");

            publication.Dispose();
            Assert.That(source.ReadPublishers().Single().Alive, Is.False, "a closed publication has no owner");
            Assert.That(board.Evaluate().Healthy, Is.False);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Test]
    public void A_missing_directory_has_no_publishers()
    {
        var source = new IpcDirectoryStatus(Path.Combine(Path.GetTempPath(), $"velox-none-{Guid.NewGuid():N}"), 3000);
        Assert.That(source.ReadPublishers(), Is.Empty);
    }

    private static long Offer(ExclusivePublication publication, ReadOnlySpan<byte> message)
    {
        long result;
        do
        {
            result = publication.Offer(message);
        }
        while (result == PublicationResult.AdminAction);

        return result;
    }

    private struct Counting : IFragmentHandler
    {
        public int Fragments;

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header) => Fragments++;
    }
}
