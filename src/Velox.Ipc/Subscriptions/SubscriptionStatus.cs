namespace Velox.Ipc.Subscriptions;

/// <summary>Where a subscription stands; expected conditions are reported here, never thrown.</summary>
public enum SubscriptionStatus
{
    /// <summary>No live log for the stream yet (absent, or left by a dead publisher).</summary>
    AwaitingPublisher,

    /// <summary>Registered; waiting for the publisher's duty cycle to assign the join position.</summary>
    Joining,

    /// <summary>Reading; the publisher is alive.</summary>
    Connected,

    /// <summary>The publisher's heartbeat is stale or its process is gone; remaining data can still be drained.</summary>
    PublisherDead,

    /// <summary>Consumed up to the end-of-stream position of a cleanly closed publication.</summary>
    EndOfStream,

    /// <summary>The publisher dropped this subscriber (heartbeat timed out); its data may have been overwritten.</summary>
    Dropped,

    /// <summary>The stream's file is not a valid log, or the counters file is full; see <see cref="Subscription.Error"/>.</summary>
    Faulted,
}
