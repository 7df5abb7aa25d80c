using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;

namespace Velox.Ipc.Tests.Support;

internal static class Pump
{
    /// <summary>Runs publisher duties and subscriber polls (advancing the clock) until the subscription is connected.</summary>
    public static void UntilConnected(Func<int> doWork, Subscription subscription, ManualClock? clock = null)
    {
        var handler = new CountingHandler();
        var deadline = Environment.TickCount64 + 10_000;
        while (subscription.Status != SubscriptionStatus.Connected)
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"not connected: {subscription.Status} {subscription.Error}");
            doWork();
            clock?.Advance(50);
            subscription.Poll(ref handler, 10);
            if (clock is null)
            {
                Thread.Sleep(1);
            }
        }

        doWork();
    }

    /// <summary>Offers until a position (or a non-retryable status) is returned.</summary>
    public static long Offer(ExclusivePublication publication, ReadOnlySpan<byte> message)
    {
        long result;
        do
        {
            result = publication.Offer(message);
        }
        while (result == PublicationResult.AdminAction);

        return result;
    }

    public static long Offer(ConcurrentPublication publication, ReadOnlySpan<byte> message)
    {
        long result;
        do
        {
            result = publication.Offer(message);
        }
        while (result == PublicationResult.AdminAction);

        return result;
    }
}
