using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Subscriptions;

/// <summary>Publishers and subscribers in separate processes over one log (children: Velox.Ipc.StressChild).</summary>
[NonParallelizable]
public class MultiProcessTests
{
    private const int ExitTimeoutMillis = 60_000;

    [Test]
    public void TwoPublisherAndTwoSubscriberProcesses()
    {
        using var dir = new TestDirectory();
        const string Count = "20000";
        using var sub1 = new ChildProcess("sub", dir.Path, "1", "2", Count);
        using var sub2 = new ChildProcess("sub", dir.Path, "1", "2", Count);
        using var pub0 = new ChildProcess("pub", dir.Path, "1", "0", Count);
        using var pub1 = new ChildProcess("pub", dir.Path, "1", "1", Count);

        Assert.That(pub0.WaitForExit(ExitTimeoutMillis), Is.EqualTo(0), pub0.Output);
        Assert.That(pub1.WaitForExit(ExitTimeoutMillis), Is.EqualTo(0), pub1.Output);
        Assert.That(sub1.WaitForExit(ExitTimeoutMillis), Is.EqualTo(0), sub1.Output);
        Assert.That(sub2.WaitForExit(ExitTimeoutMillis), Is.EqualTo(0), sub2.Output);
        Assert.That(sub1.Output, Does.Contain("corrupt=0 gaps=0 complete=True dropped=0"));
        Assert.That(sub2.Output, Does.Contain("corrupt=0 gaps=0 complete=True dropped=0"));
    }

    [Test]
    public void KilledSubscriberProcessStallsThePublisherOnlyUntilTheTimeout()
    {
        using var fx = new IpcFixture(termLength: 256 * 1024, manualClock: false, subscriberTimeout: 1000);
        using var publication = fx.Ipc.AddConcurrentPublication(3);
        const int Count = 20_000;
        using var survivor = new ChildProcess("sub", fx.Path, "3", "1", Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var victim = new ChildProcess("sub", fx.Path, "3", "1", Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = Environment.TickCount64 + 30_000;
        while (!(survivor.WaitForLine("CONNECTED", 0) && victim.WaitForLine("CONNECTED", 0)))
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), survivor.Output + victim.Output);
            publication.DoWork();
            Thread.Sleep(1);
        }

        victim.Kill();
        var buffer = new byte[512];
        var longestStallMillis = 0L;
        for (long i = 0; i < Count; i++)
        {
            TestMessages.Write(buffer, 0, i, buffer.Length);
            var stallStart = Environment.TickCount64;
            long result;
            while ((result = publication.Offer(buffer)) < 0)
            {
                Assert.That(result, Is.EqualTo(PublicationResult.BackPressured).Or.EqualTo(PublicationResult.AdminAction));
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"publisher stalled at {i}");
                publication.DoWork();
                Thread.Yield();
            }

            longestStallMillis = Math.Max(longestStallMillis, Environment.TickCount64 - stallStart);
        }

        publication.Dispose();
        Assert.That(survivor.WaitForExit(ExitTimeoutMillis), Is.EqualTo(0), survivor.Output);
        Assert.That(longestStallMillis, Is.LessThan(10_000));
        TestContext.Out.WriteLine($"longest publisher stall after SIGKILL of a subscriber: {longestStallMillis} ms (timeout 1000 ms)");
    }

    [Test]
    public void SubscriberDetectsAPublisherProcessKilledMidStream()
    {
        using var fx = new IpcFixture(termLength: 256 * 1024, manualClock: false);
        using var publisher = new ChildProcess("stream", fx.Path, "4");
        Assert.That(publisher.WaitForLine("STARTED", 30_000), Is.True, publisher.Output);
        using var subscription = fx.Ipc.AddSubscription(4);
        var handler = new CountingHandler();
        var deadline = Environment.TickCount64 + 30_000;
        while (handler.Count < 50)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"{subscription.Status} {publisher.Output}");
            subscription.Poll(ref handler, 10);
            Thread.Sleep(1);
        }

        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Connected));
        publisher.Kill();
        var killedAt = Environment.TickCount64;
        while (subscription.Status != SubscriptionStatus.PublisherDead)
        {
            Assert.That(Environment.TickCount64 - killedAt, Is.LessThan(5_000), subscription.Status.ToString());
            subscription.Poll(ref handler, 10);
            Thread.Sleep(1);
        }

        TestContext.Out.WriteLine($"publisher death detected after {Environment.TickCount64 - killedAt} ms");
    }
}
