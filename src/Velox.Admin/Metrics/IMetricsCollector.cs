namespace Velox.Admin.Metrics;

/// <summary>
/// A source whose series are only known at scrape time (e.g. the IPC streams of a topology). Called on the
/// admin thread for every scrape, after the registered families; it must read its data thread-safely and
/// write whole families (<see cref="MetricsWriter.Family"/> then samples) with names no one else uses.
/// </summary>
public interface IMetricsCollector
{
    void Collect(MetricsWriter writer);
}
