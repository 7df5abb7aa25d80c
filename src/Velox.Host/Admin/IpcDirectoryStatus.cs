using System.Globalization;
using Velox.Admin.Health;
using Velox.Ipc;
using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;

namespace Velox.Host.Admin;

/// <summary>
/// The publications of an IPC directory for /health and /metrics, read from the shared files the way
/// `velox ipc stat` reads them: publisher pid and heartbeat (liveness), producer position, publisher limit
/// and the slowest subscriber's position. Only reads; each call maps the logs afresh (admin thread, cold).
/// </summary>
public sealed unsafe class IpcDirectoryStatus : IIpcStatusSource
{
    private readonly string _directory;
    private readonly long _publisherTimeoutMillis;
    private readonly IEpochClock _clock;

    public IpcDirectoryStatus(string directory, long publisherTimeoutMillis, IEpochClock? clock = null)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _publisherTimeoutMillis = publisherTimeoutMillis;
        _clock = clock ?? SystemEpochClock.Instance;
    }

    /// <summary>One entry per stream log; a log or counters file that cannot be read is reported as a dead publisher.</summary>
    public IReadOnlyList<IpcPublisherStatus> ReadPublishers()
    {
        var result = new List<IpcPublisherStatus>();
        if (!Directory.Exists(_directory))
        {
            return result;
        }

        var logs = Directory.GetFiles(_directory, "stream-*.logbuffer");
        Array.Sort(logs, StringComparer.Ordinal);
        CountersFile? counters = null;
        try
        {
            counters = CountersFile.Open(Path.Combine(_directory, IpcDirectory.CountersFileName));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // Without the counters file positions are unknown; liveness still comes from the log headers.
        }

        using (counters)
        {
            var now = _clock.NowMillis();
            foreach (var path in logs)
            {
                var name = Path.GetFileNameWithoutExtension(path)["stream-".Length..];
                try
                {
                    using var log = MappedLog.Open(path);
                    result.Add(Read(log, counters, now));
                }
                catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    result.Add(new IpcPublisherStatus(name, false, double.NaN, -1, -1, -1));
                }
            }
        }

        return result;
    }

    private IpcPublisherStatus Read(MappedLog log, CountersFile? counters, long now)
    {
        var pid = Volatile.Read(ref *(int*)log.VeloxField(VeloxLogHeader.OwnerPidOffset));
        var startTime = *(long*)log.VeloxField(VeloxLogHeader.OwnerStartTimeOffset);
        var heartbeat = Volatile.Read(ref *(long*)log.VeloxField(VeloxLogHeader.HeartbeatOffset));
        var ageMillis = Math.Max(0, now - heartbeat);
        var alive = pid != 0 && ageMillis <= _publisherTimeoutMillis && ProcessLiveness.IsAlive(pid, startTime);
        var producer = log.ProducerPosition();
        var limit = -1L;
        var slowest = -1L;
        if (counters is not null)
        {
            var limitId = *(int*)log.VeloxField(VeloxLogHeader.PublisherLimitCounterIdOffset);
            if (limitId >= 0 && limitId < counters.Capacity && counters.IsAllocatedTo(limitId, log.CorrelationId))
            {
                limit = Volatile.Read(ref *counters.ValuePointer(limitId));
            }

            for (var id = 0; id < counters.Capacity; id++)
            {
                if (counters.State(id) == CountersDescriptor.RecordAllocated && counters.TypeId(id) == CounterTypes.SubscriberPosition &&
                    counters.ReferenceId(id) == log.CorrelationId)
                {
                    var position = Volatile.Read(ref *counters.ValuePointer(id));
                    slowest = slowest < 0 ? position : Math.Min(slowest, position);
                }
            }
        }

        return new IpcPublisherStatus(log.StreamId.ToString(CultureInfo.InvariantCulture), alive, ageMillis / 1000.0, producer, limit, slowest);
    }
}
