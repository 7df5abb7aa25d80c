using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Subscriptions;

public unsafe class FlowControlTests
{
    [Test]
    public void PublisherStopsAtTheLimitAndResumesWhenTheSubscriberAdvances()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var window = fx.Options.EffectiveTermWindowLength;
        Assert.That(publication.PositionLimit, Is.EqualTo(window));

        var message = new byte[224];
        long result;
        var accepted = 0;
        while ((result = Pump.Offer(publication, message)) > 0)
        {
            accepted++;
        }

        Assert.That(result, Is.EqualTo(PublicationResult.BackPressured));
        Assert.That(publication.Position, Is.EqualTo(window), "never runs past the slowest subscriber + window");
        Assert.That(accepted, Is.EqualTo(window / 256));

        // The subscriber consumes a little: not enough to trip the limit (window / 8).
        var handler = new CountingHandler();
        subscription.Poll(ref handler, 10);
        Assert.That(Pump.Offer(publication, message), Is.EqualTo(PublicationResult.BackPressured));
        subscription.Poll(ref handler, 1000);
        Assert.That(Pump.Offer(publication, message), Is.GreaterThan(window));
        Assert.That(publication.PositionLimit, Is.EqualTo(subscription.Position + window));
    }

    [Test]
    public void LimitFollowsTheSlowestOfSeveralSubscribers()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var fast = fx.Ipc.AddSubscription(1);
        using var slow = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, fast, fx.Clock);
        Pump.UntilConnected(publication.DoWork, slow, fx.Clock);
        var handler = new CountingHandler();
        var message = new byte[992];
        while (Pump.Offer(publication, message) > 0)
        {
            fast.Poll(ref handler, 100);
        }

        Assert.That(publication.Position, Is.EqualTo(slow.Position + fx.Options.EffectiveTermWindowLength));
        Assert.That(publication.IsConnected, Is.True);
    }

    [Test]
    public void LateSubscriberJoinsAtTheSlowestSubscriberOrThePublisherPosition()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var first = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, first, fx.Clock);
        for (var i = 0; i < 10; i++)
        {
            publication.Offer(new byte[100]);
        }

        using var second = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, second, fx.Clock);
        Assert.That(second.Image!.JoinPosition, Is.EqualTo(0), "joins at the existing subscriber's position");

        var handler = new CountingHandler();
        first.Poll(ref handler, 100);
        second.Poll(ref handler, 100);
        first.Dispose();
        second.Dispose();
        fx.Clock.Advance(200);
        publication.DoWork();
        publication.Offer(new byte[100]);
        publication.Offer(new byte[100]);
        Assert.That(publication.IsConnected, Is.False, "last subscriber left");

        using var third = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, third, fx.Clock);
        Assert.That(third.Image!.JoinPosition, Is.EqualTo(publication.Position), "alone, joins at the publisher position");
        publication.Offer([42]);
        var collect = new CollectingHandler();
        third.Poll(ref collect, 10);
        Assert.That(collect.Messages, Has.Count.EqualTo(1));
        Assert.That(collect.Messages[0], Is.EqualTo(new byte[] { 42 }));
    }

    [Test]
    public void SubscriberThatStopsHeartbeatingIsDroppedAfterTheTimeout()
    {
        using var fx = new IpcFixture(subscriberTimeout: 1000);
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var alive = fx.Ipc.AddSubscription(1);
        using var stalled = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, alive, fx.Clock);
        Pump.UntilConnected(publication.DoWork, stalled, fx.Clock);
        var handler = new CountingHandler();
        var message = new byte[992];
        while (Pump.Offer(publication, message) > 0)
        {
            alive.Poll(ref handler, 100);
        }

        var stuckAt = publication.Position;
        for (var elapsed = 0; elapsed < 1000; elapsed += 100)
        {
            fx.Clock.Advance(100);
            alive.Poll(ref handler, 100);
            Assert.That(Pump.Offer(publication, message), Is.EqualTo(PublicationResult.BackPressured), "held back within the timeout");
        }

        fx.Clock.Advance(200);
        alive.Poll(ref handler, 100);
        publication.DoWork();
        Assert.That(Pump.Offer(publication, message), Is.GreaterThan(stuckAt), "stalled subscriber no longer holds the publisher");

        stalled.Poll(ref handler, 100);
        Assert.That(stalled.Status, Is.EqualTo(SubscriptionStatus.Dropped));
    }

    [Test]
    public void SubscriberReportsADeadPublisherWhenItsHeartbeatStops()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        Assert.That(subscription.IsConnected, Is.True);
        var handler = new CountingHandler();
        fx.Clock.Advance(fx.Options.PublisherTimeoutMillis + 1);
        subscription.Poll(ref handler, 10);
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.PublisherDead));
        publication.DoWork();
        fx.Clock.Advance(200);
        subscription.Poll(ref handler, 10);
        Assert.That(subscription.Status, Is.EqualTo(SubscriptionStatus.Connected), "heartbeat resumed");
    }

    [Test]
    public void ZeroAllocationOfferAndPollAfterWarmUp()
    {
        using var fx = new IpcFixture(termLength: 1 << 20);
        using var publication = fx.Ipc.AddExclusivePublication(1);
        using var subscription = fx.Ipc.AddSubscription(1);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var handler = new CountingHandler();
        var message = new byte[100];
        var large = new byte[3000];
        var assembler = new FragmentAssembler<CountingHandler>(default, publication.MaxMessageLength);

        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var buffer = (i & 7) == 0 ? large : message;
                while (publication.Offer(buffer) < 0)
                {
                    subscription.Poll(ref assembler, 64);
                    publication.DoWork();
                }

                if (publication.TryClaim(16, out var claim) > 0)
                {
                    claim.Buffer[0] = 1;
                    claim.Commit();
                }

                subscription.Poll(ref handler, 1);
                subscription.Poll(ref assembler, 64);
                if (i % 1000 == 0)
                {
                    // Let heartbeats, liveness checks and limit trips run inside the measured window.
                    fx.Clock.Advance(50);
                }
            }
        }

        Run(20_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(50_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.EqualTo(0));
        Assert.That(assembler.Handler.Count + handler.Count, Is.GreaterThan(100_000));
    }

    [Test]
    public void CountersCarryTheAeronTypesAndLinks()
    {
        using var fx = new IpcFixture();
        using var publication = fx.Ipc.AddExclusivePublication(3);
        using var subscription = fx.Ipc.AddSubscription(3);
        Pump.UntilConnected(publication.DoWork, subscription, fx.Clock);
        var counters = fx.Ipc.Counters;
        var types = new List<int>();
        for (var id = 0; id < counters.Capacity; id++)
        {
            if (counters.State(id) == CountersDescriptor.RecordAllocated)
            {
                types.Add(counters.TypeId(id));
                if (counters.TypeId(id) == CounterTypes.SubscriberPosition)
                {
                    Assert.That(counters.ReferenceId(id), Is.EqualTo(publication.Log.CorrelationId));
                    Assert.That(counters.KeyInt64(id, 0), Is.EqualTo(publication.Log.CorrelationId));
                    Assert.That(counters.Label(id), Does.StartWith("sub-pos: "));
                }
            }
        }

        Assert.That(types, Is.EquivalentTo(new[] { CounterTypes.PublisherLimit, CounterTypes.PublisherPosition, CounterTypes.ClientHeartbeat, CounterTypes.SubscriberPosition }));
        Assert.That(*(int*)publication.Log.VeloxField(VeloxLogHeader.OwnerPidOffset), Is.EqualTo(Environment.ProcessId));
    }
}
