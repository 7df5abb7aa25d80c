using Velox.Ipc.LogBuffers;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Publications;

public unsafe class CrashSafetyTests
{
    /// <summary>A pid far above pid_max, so never alive.</summary>
    private const int DeadPid = 0x3FFF_FFF0;

    [Test]
    public void RestartedPublisherReplacesALogWhoseOwnerIsDead()
    {
        using var fx = new IpcFixture();
        var old = fx.Ipc.AddExclusivePublication(5);
        var oldCorrelation = old.Log.CorrelationId;
        *(int*)old.Log.VeloxField(VeloxLogHeader.OwnerPidOffset) = DeadPid;
        old.Log.Dispose();

        using var restarted = fx.Ipc.AddExclusivePublication(5);
        Assert.That(restarted.Log.CorrelationId, Is.Not.EqualTo(oldCorrelation));
        Assert.That(*(int*)restarted.Log.VeloxField(VeloxLogHeader.OwnerPidOffset), Is.EqualTo(Environment.ProcessId));
        Assert.That(Directory.GetFiles(fx.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public void NeverReplacesALogWhoseOwnerIsAlive()
    {
        using var fx = new IpcFixture();
        using var live = fx.Ipc.AddExclusivePublication(5);
        Assert.That(
            () => fx.Ipc.AddExclusivePublication(5),
            Throws.InvalidOperationException.With.Message.Contains(fx.Ipc.LogPath(5)).And.Message.Contains($"pid {Environment.ProcessId}"));
        Assert.That(() => fx.Ipc.AddConcurrentPublication(5), Throws.InvalidOperationException, "an exclusive log cannot be shared");
        Assert.That(File.Exists(fx.Ipc.LogPath(5)), Is.True);
    }

    [Test]
    public void CleanlyEndedLogIsReplacedAndSubscriberMovesToTheNewOne()
    {
        using var fx = new IpcFixture();
        var first = fx.Ipc.AddExclusivePublication(5);
        using var subscription = fx.Ipc.AddSubscription(5);
        Pump.UntilConnected(first.DoWork, subscription, fx.Clock);
        first.Offer([1]);
        first.Dispose();
        var handler = new CollectingHandler();
        fx.Clock.Advance(200);
        subscription.Poll(ref handler, 10);
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.EndOfStream));

        using var second = fx.Ipc.AddExclusivePublication(5);
        var deadline = Environment.TickCount64 + 5000;
        while (subscription.Status != SubscriptionStatus.Connected && Environment.TickCount64 < deadline)
        {
            second.DoWork();
            fx.Clock.Advance(100);
            subscription.Poll(ref handler, 10);
        }

        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Connected));
        Assert.That(Pump.Offer(second, [2]), Is.GreaterThan(0));
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Messages.Select(m => m[0]), Is.EqualTo(new byte[] { 1, 2 }));
    }

    [Test]
    public void ForeignFileIsAClearErrorForPublishersAndAFaultForSubscribers()
    {
        using var fx = new IpcFixture();
        var path = fx.Ipc.LogPath(9);
        File.WriteAllBytes(path, new byte[1000]);
        Assert.That(() => fx.Ipc.AddExclusivePublication(9), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
        using var subscription = fx.Ipc.AddSubscription(9);
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Faulted));
        Assert.That(subscription.Error, Does.Contain(path));
        Assert.That(File.Exists(path), Is.True, "foreign files are never deleted");
    }

    [Test]
    public void HalfWrittenFrameOfADeadConcurrentWriterIsPaddedAfterTheUnblockTimeout()
    {
        using var fx = new IpcFixture(unblockTimeout: 500);
        using var publication = fx.Ipc.AddConcurrentPublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);

        Assert.That(publication.TryClaim(50, out _), Is.GreaterThan(0), "claimed, never committed: the writer 'died'");
        Pump.Offer(publication, [7]);
        var handler = new CollectingHandler();
        for (var i = 0; i < 4; i++)
        {
            fx.Clock.Advance(100);
            publication.DoWork();
            subscription.Poll(ref handler, 10);
        }

        Assert.That(handler.Messages, Is.Empty, "blocked within the timeout");
        fx.Clock.Advance(500);
        publication.DoWork();
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Messages, Has.Count.EqualTo(1));
        Assert.That(handler.Messages[0], Is.EqualTo(new byte[] { 7 }));
    }

    [Test]
    public void ClaimedButUnwrittenGapIsPaddedUpToTheNextFrame()
    {
        using var fx = new IpcFixture(unblockTimeout: 500);
        using var publication = fx.Ipc.AddConcurrentPublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);

        // A writer that died right after its fetch-add: tail moved, nothing written.
        var log = publication.Log;
        Interlocked.Add(ref *log.TailCounter(0), 96);
        Pump.Offer(publication, [8]);
        var handler = new CollectingHandler();
        fx.Clock.Advance(100);
        publication.DoWork();
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Messages, Is.Empty);
        fx.Clock.Advance(600);
        publication.DoWork();
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Messages, Has.Count.EqualTo(1));
        Assert.That(*(int*)log.Term(0), Is.EqualTo(96));
    }

    [Test]
    public void ConcurrentPublisherTakesOverDutiesWhenTheOwnerCloses()
    {
        using var fx = new IpcFixture();
        var owner = fx.Ipc.AddConcurrentPublication(2);
        using var other = fx.Ipc.AddConcurrentPublication(2);
        using var subscription = fx.Ipc.AddSubscription(2);
        Assert.That(owner.IsOwner, Is.True);
        Assert.That(other.IsOwner, Is.False);
        Pump.UntilConnected(owner.DoWork, subscription, fx.Clock);
        owner.Dispose();
        fx.Clock.Advance(200);
        other.DoWork();
        Assert.That(other.IsOwner, Is.True);
        var handler = new CountingHandler();
        for (var i = 0; i < 100; i++)
        {
            Assert.That(Pump.Offer(other, new byte[500]), Is.GreaterThan(0));
            subscription.Poll(ref handler, 10);
        }

        fx.Clock.Advance(200);
        subscription.Poll(ref handler, 10);
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Connected));
        Assert.That(handler.Count, Is.EqualTo(100));
    }

    [Test]
    public void ConcurrentPublisherTakesOverFromADeadOwnerProcess()
    {
        using var fx = new IpcFixture();
        using var owner = fx.Ipc.AddConcurrentPublication(2);
        using var other = fx.Ipc.AddConcurrentPublication(2);
        using var subscription = fx.Ipc.AddSubscription(2);
        Pump.UntilConnected(owner.DoWork, subscription, fx.Clock);

        fx.Clock.Advance(200);
        other.DoWork();
        Assert.That(other.IsOwner, Is.False, "owner alive and heartbeating");

        // The owner 'dies': its pid is gone and its heartbeat goes stale.
        *(int*)owner.Log.VeloxField(VeloxLogHeader.OwnerPidOffset) = DeadPid;
        var handler = new CountingHandler();
        for (var elapsed = 0L; elapsed <= fx.Options.PublisherTimeoutMillis; elapsed += 100)
        {
            fx.Clock.Advance(100);
            subscription.Poll(ref handler, 10);
        }

        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.PublisherDead));
        other.DoWork();
        Assert.That(other.IsOwner, Is.True);
        Assert.That(*(int*)other.Log.VeloxField(VeloxLogHeader.OwnerPidOffset), Is.EqualTo(Environment.ProcessId));
        owner.DoWork();
        Assert.That(owner.IsOwner, Is.False, "the old owner notices the CAS and stands down");

        fx.Clock.Advance(100);
        subscription.Poll(ref handler, 10);
        Assert.That(Pump.Offer(other, [1]), Is.GreaterThan(0));
        subscription.Poll(ref handler, 10);
        Assert.That(handler.Count, Is.EqualTo(1));
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Connected));
    }
}
