using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;

namespace Velox.Ipc;

/// <summary>
/// Cold path that gives a publication its log: attach to a live concurrent log, refuse a live one
/// otherwise, replace a stale one (dead owner or cleanly ended), or create one. Creation and replacement
/// for a stream are serialised across processes by an advisory lock file (flock through FileShare.None),
/// and a new log is fully initialised under a temporary name before it is renamed into place.
/// </summary>
internal static unsafe class LogFileStore
{
    private const int LockTimeoutMillis = 10_000;

    public static MappedLog OpenForPublication(IpcDirectory directory, int streamId, int kind, long registrationId, out bool isOwner)
    {
        var path = directory.LogPath(streamId);
        using var streamLock = AcquireLock(path + ".lock");
        var options = directory.Options;
        var counters = directory.Counters;
        var now = options.Clock.NowMillis();
        if (File.Exists(path))
        {
            var existing = MappedLog.Open(path);
            if (TryAttach(existing, kind, now, options, out var ownerPid))
            {
                isOwner = false;
                return existing;
            }

            if (ownerPid != 0)
            {
                existing.Dispose();
                throw new InvalidOperationException($"{path}: stream {streamId} already has a live publisher (pid {ownerPid})");
            }

            // Stale: its owner is dead or it ended cleanly. Mapped readers keep their pages after the unlink.
            counters.Free(*(int*)existing.VeloxField(VeloxLogHeader.PublisherLimitCounterIdOffset), existing.CorrelationId, now);
            counters.Free(*(int*)existing.VeloxField(VeloxLogHeader.PublisherPositionCounterIdOffset), existing.CorrelationId, now);
            existing.Dispose();
            File.Delete(path);
        }

        isOwner = true;
        return Create(directory, path, streamId, kind, registrationId, now);
    }

    /// <summary>True when the caller attached; otherwise <paramref name="livePid"/> is the live owner's pid, or 0 when the log is stale.</summary>
    private static bool TryAttach(MappedLog log, int kind, long now, IpcOptions options, out int livePid)
    {
        livePid = 0;
        var ended = Volatile.Read(ref *log.EndOfStreamPosition) != long.MaxValue;
        var owner = Volatile.Read(ref *(long*)log.VeloxField(VeloxLogHeader.OwnerRegistrationIdOffset));
        var pid = *(int*)log.VeloxField(VeloxLogHeader.OwnerPidOffset);
        var startTime = *(long*)log.VeloxField(VeloxLogHeader.OwnerStartTimeOffset);
        var heartbeat = Volatile.Read(ref *(long*)log.VeloxField(VeloxLogHeader.HeartbeatOffset));
        var ownerAlive = owner != 0 && ProcessLiveness.IsAlive(pid, startTime);
        var handingOver = owner == 0 && now - heartbeat <= options.PublisherTimeoutMillis;
        if (ended || !(ownerAlive || handingOver))
        {
            return false;
        }

        livePid = ownerAlive ? pid : -1;
        if (kind != VeloxLogHeader.KindConcurrent || log.PublicationKind != VeloxLogHeader.KindConcurrent)
        {
            return false;
        }

        var count = (int*)log.VeloxField(VeloxLogHeader.PublicationCountOffset);
        Interlocked.Increment(ref *count);
        if (Volatile.Read(ref *log.EndOfStreamPosition) != long.MaxValue)
        {
            // The last publication closed between the check and the increment.
            Interlocked.Decrement(ref *count);
            livePid = 0;
            return false;
        }

        return true;
    }

    private static MappedLog Create(IpcDirectory directory, string path, int streamId, int kind, long registrationId, long now)
    {
        var options = directory.Options;
        var counters = directory.Counters;
        var correlationId = counters.NextCorrelationId();
        var sessionId = Random.Shared.Next(1001, int.MaxValue);
        Span<byte> key = stackalloc byte[16];
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeyRegistrationIdOffset..], correlationId);
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeySessionIdOffset..], sessionId);
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeyStreamIdOffset..], streamId);
        var limitId = counters.Allocate(
            CounterTypes.PublisherLimit, key, $"pub-lmt: {correlationId} {sessionId} {streamId} aeron:ipc", correlationId, registrationId, 0, 0, now);
        var positionId = counters.Allocate(
            CounterTypes.PublisherPosition, key, $"pub-pos (sampled): {correlationId} {sessionId} {streamId} aeron:ipc", correlationId, registrationId, 0, 0, now);
        if (limitId < 0 || positionId < 0)
        {
            counters.Free(limitId, correlationId, now);
            counters.Free(positionId, correlationId, now);
            throw new InvalidOperationException($"{counters.Path}: counters file full ({counters.Capacity} records)");
        }

        var parameters = new LogParameters(
            options.TermLength,
            options.Mtu,
            options.EffectiveTermWindowLength,
            Random.Shared.Next(),
            sessionId,
            streamId,
            correlationId,
            kind,
            registrationId,
            limitId,
            positionId,
            now);
        var temp = $"{path}.{Environment.ProcessId}.{correlationId}.tmp";
        var log = MappedLog.Create(temp, parameters);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch
        {
            log.Dispose();
            File.Delete(temp);
            throw;
        }

        log.Path = path;
        return log;
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = Environment.TickCount64 + LockTimeoutMillis;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(1);
            }
        }
    }
}
