using Velox.Ipc.Platform;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;
using Velox.Ipc.Tests.Support;

namespace Velox.Ipc.Tests.Subscriptions;

/// <summary>Subscription.Poll reads the clock only every few polls while polled fast, and on every poll when polled slowly.</summary>
public class ClockReadTests
{
    private const int MaxPollsPerClockRead = 16;

    [Test]
    public void FastPollsReadTheClockAtMostOncePerMaxPolls()
    {
        using var setup = new Setup();
        var handler = new CountingHandler();
        var readsBefore = setup.Clock.Reads;
        const int Polls = 16_000;
        for (var i = 0; i < Polls; i++)
        {
            setup.Subscription.Poll(ref handler, 1);
        }

        var reads = setup.Clock.Reads - readsBefore;
        // The gap doubles 1, 2, 4, 8, 16 and stays at 16: about Polls / 16 reads plus the ramp.
        Assert.That(reads, Is.InRange((Polls / MaxPollsPerClockRead) - 1, (Polls / MaxPollsPerClockRead) + 5));
    }

    [Test]
    public void APollerSlowerThanAMillisecondReadsTheClockOnEveryPoll()
    {
        using var setup = new Setup();
        var handler = new CountingHandler();
        for (var i = 0; i < 100; i++)
        {
            setup.Subscription.Poll(ref handler, 1);
        }

        var readsBefore = setup.Clock.Reads;
        for (var i = 0; i < 200; i++)
        {
            setup.Clock.Advance(1);
            setup.Subscription.Poll(ref handler, 1);
            if (i % 50 == 0)
            {
                setup.Publication.DoWork();
            }
        }

        // At most one stretch of MaxPollsPerClockRead stale polls when the pace drops, then one read per poll.
        Assert.That(setup.Clock.Reads - readsBefore, Is.GreaterThanOrEqualTo(200 - MaxPollsPerClockRead));
        Assert.That(setup.Subscription.IsConnected, Is.True);
    }

    [Test]
    public void ADeadPublisherIsReportedWithinMaxPollsOfTheTimeout()
    {
        using var setup = new Setup();
        var handler = new CountingHandler();
        for (var i = 0; i < 1000; i++)
        {
            setup.Subscription.Poll(ref handler, 1);
        }

        setup.Clock.Advance(setup.Options.PublisherTimeoutMillis + 1);
        var polls = 0;
        while (setup.Subscription.Status == SubscriptionStatus.Connected && polls < 10 * MaxPollsPerClockRead)
        {
            setup.Subscription.Poll(ref handler, 1);
            polls++;
        }

        Assert.That(setup.Subscription.Status, Is.EqualTo(SubscriptionStatus.PublisherDead));
        Assert.That(polls, Is.InRange(1, MaxPollsPerClockRead));
    }

    [Test]
    public void MaxPollsPerClockReadMustBePositive()
    {
        var options = new IpcOptions { MaxPollsPerClockRead = 0 };
        Assert.That(() => options.Validate(), Throws.ArgumentException.With.Message.Contains("MaxPollsPerClockRead"));
    }

    /// <summary>A manual clock that counts its reads.</summary>
    private sealed class CountingClock : IEpochClock
    {
        private long _now = 1_700_000_000_000;

        public long Reads { get; private set; }

        public long NowMillis()
        {
            Reads++;
            return _now;
        }

        public void Advance(long millis) => _now += millis;
    }

    private sealed class Setup : IDisposable
    {
        private readonly TestDirectory _dir = new();
        private readonly IpcDirectory _ipc;

        public Setup()
        {
            Options = new IpcOptions
            {
                Directory = _dir.Path,
                TermLength = 64 * 1024,
                Clock = Clock,
                MaxPollsPerClockRead = MaxPollsPerClockRead,
                CountersCapacity = 64,
            };
            _ipc = new IpcDirectory(Options);
            Publication = _ipc.AddExclusivePublication(1);
            Subscription = _ipc.AddSubscription(1);
            var handler = new CountingHandler();
            var deadline = Environment.TickCount64 + 10_000;
            while (!Subscription.IsConnected)
            {
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"not connected: {Subscription.Status}");
                Publication.DoWork();
                Clock.Advance(50);
                Subscription.Poll(ref handler, 1);
            }

            Publication.DoWork();
        }

        public CountingClock Clock { get; } = new();

        public IpcOptions Options { get; }

        public ExclusivePublication Publication { get; }

        public Subscription Subscription { get; }

        public void Dispose()
        {
            Subscription.Dispose();
            Publication.Dispose();
            _ipc.Dispose();
            _dir.Dispose();
        }
    }
}
