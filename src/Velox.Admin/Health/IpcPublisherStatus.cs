namespace Velox.Admin.Health;

/// <summary>One IPC publication as seen from the admin plane (multi-process topology).</summary>
/// <param name="Stream">Stream name (e.g. "md", "raw", "orders").</param>
/// <param name="Alive">The publishing process's heartbeat is fresh.</param>
/// <param name="HeartbeatAgeSeconds">Seconds since the publisher's last heartbeat.</param>
/// <param name="PublisherPosition">Bytes published (the tail position).</param>
/// <param name="SlowestSubscriberPosition">Position of the slowest registered subscriber.</param>
/// <param name="BackPressureEvents">Offers refused because the slowest subscriber held the publisher limit.</param>
public readonly record struct IpcPublisherStatus(
    string Stream, bool Alive, double HeartbeatAgeSeconds, long PublisherPosition, long SlowestSubscriberPosition, long BackPressureEvents);
