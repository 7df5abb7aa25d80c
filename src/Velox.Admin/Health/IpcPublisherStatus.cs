namespace Velox.Admin.Health;

/// <summary>One IPC publication as seen from the admin plane (multi-process topology).</summary>
/// <param name="Stream">Stream name or id (e.g. "1001").</param>
/// <param name="Alive">The publishing process exists and its heartbeat is within the publisher timeout.</param>
/// <param name="HeartbeatAgeSeconds">Seconds since the publisher's last heartbeat.</param>
/// <param name="PublisherPosition">Bytes published (the producer position).</param>
/// <param name="PublisherLimit">How far the publisher may go before the slowest subscriber holds it (-1 when unknown).</param>
/// <param name="SlowestSubscriberPosition">Position of the slowest registered subscriber (-1 without subscribers).</param>
public readonly record struct IpcPublisherStatus(
    string Stream, bool Alive, double HeartbeatAgeSeconds, long PublisherPosition, long PublisherLimit, long SlowestSubscriberPosition)
{
    /// <summary>True while the publisher has reached its limit: the next offer is refused (back-pressure).</summary>
    public bool BackPressured => PublisherLimit >= 0 && PublisherPosition >= PublisherLimit;
}
