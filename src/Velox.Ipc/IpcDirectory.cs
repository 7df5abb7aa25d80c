using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Publications;
using Velox.Ipc.Subscriptions;

namespace Velox.Ipc;

/// <summary>
/// Entry point: a directory (default /dev/shm/velox-&lt;user&gt;) holding one log file per stream and one
/// shared counters file. Creates publications (which own their log and run its driver duties) and
/// subscriptions. No media driver is involved.
/// </summary>
public sealed class IpcDirectory : IDisposable
{
    public const string CountersFileName = "counters.dat";

    public IpcDirectory(IpcOptions? options = null)
    {
        Options = options ?? new IpcOptions();
        Options.Validate();
        Path = Options.Directory;
        System.IO.Directory.CreateDirectory(Path);
        Counters = CountersFile.OpenOrCreate(System.IO.Path.Combine(Path, CountersFileName), Options.CountersCapacity);
    }

    public IpcOptions Options { get; }

    public string Path { get; }

    public CountersFile Counters { get; }

    /// <summary>The log file of a stream.</summary>
    public string LogPath(int streamId) => System.IO.Path.Combine(Path, $"stream-{streamId}.logbuffer");

    /// <summary>
    /// A single-writer publication owning a new log for the stream (a stale log is replaced). Throws
    /// <see cref="InvalidOperationException"/> when a live publisher already owns the stream and
    /// <see cref="InvalidDataException"/> naming the file when it is not a valid log.
    /// </summary>
    public unsafe ExclusivePublication AddExclusivePublication(int streamId)
    {
        var registrationId = Counters.NextCorrelationId();
        var log = LogFileStore.OpenForPublication(this, streamId, VeloxLogHeader.KindExclusive, registrationId, out var isOwner);
        var conductor = new LogConductor(log, Counters, Options, registrationId, isOwner);
        return new ExclusivePublication(log, conductor.PublisherLimit, conductor, log.Dispose);
    }

    /// <summary>A thread-safe publication; joins a live concurrent log of the stream (also from other processes) or creates one.</summary>
    public unsafe ConcurrentPublication AddConcurrentPublication(int streamId)
    {
        var registrationId = Counters.NextCorrelationId();
        var log = LogFileStore.OpenForPublication(this, streamId, VeloxLogHeader.KindConcurrent, registrationId, out var isOwner);
        var conductor = new LogConductor(log, Counters, Options, registrationId, isOwner);
        return new ConcurrentPublication(log, conductor.PublisherLimit, conductor, log.Dispose);
    }

    /// <summary>A subscription to the stream; it attaches when a live log appears (see <see cref="Subscription.Status"/>).</summary>
    public Subscription AddSubscription(int streamId) => new(this, streamId);

    public void Dispose() => Counters.Dispose();
}
