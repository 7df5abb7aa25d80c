using Velox.Admin.Metrics;

namespace Velox.Admin.Health;

/// <summary>Exports IPC publication liveness, positions, limits and back-pressure from an <see cref="IIpcStatusSource"/> at scrape time.</summary>
public sealed class IpcMetricsCollector : IMetricsCollector
{
    private readonly IIpcStatusSource _source;

    public IpcMetricsCollector(IIpcStatusSource source) => _source = source ?? throw new ArgumentNullException(nameof(source));

    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var publishers = _source.ReadPublishers();
        Family(writer, publishers, "velox_ipc_publisher_alive", "1 while the publishing process's heartbeat is fresh.", MetricType.Gauge, p => p.Alive ? 1 : 0);
        Family(writer, publishers, "velox_ipc_publisher_position", "Bytes published on the stream.", MetricType.Gauge, p => p.PublisherPosition);
        Family(writer, publishers, "velox_ipc_publisher_limit", "Position the publisher may reach before the slowest subscriber holds it.", MetricType.Gauge, p => p.PublisherLimit);
        Family(writer, publishers, "velox_ipc_subscriber_position", "Position of the slowest subscriber (-1 without subscribers).", MetricType.Gauge, p => p.SlowestSubscriberPosition);
        Family(writer, publishers, "velox_ipc_back_pressured", "1 while the publisher is at its limit (offers refused until subscribers catch up).", MetricType.Gauge, p => p.BackPressured ? 1 : 0);
    }

    private static void Family(
        MetricsWriter writer, IReadOnlyList<IpcPublisherStatus> publishers, string name, string help, MetricType type, Func<IpcPublisherStatus, long> value)
    {
        writer.Family(name, help, type);
        foreach (var publisher in publishers)
        {
            writer.Sample(name, [new MetricLabel("stream", publisher.Stream)], value(publisher));
        }
    }
}
