using System.Runtime.CompilerServices;
using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;

namespace Velox.Ipc.Subscriptions;

/// <summary>
/// A subscriber to one stream: finds the stream's log, registers a heartbeat and a sub-pos counter,
/// waits for the publisher to assign the join position, then polls the <see cref="Image"/>. The same
/// <see cref="Poll{THandler}"/> call heartbeats and watches the publisher (status, never exceptions).
/// The clock is not read on every poll: polls less than a millisecond apart read it ever more rarely, up to
/// once per <see cref="IpcOptions.MaxPollsPerClockRead"/> polls; a slower poller (or one not yet connected)
/// reads it on every poll. Single-threaded.
/// </summary>
public sealed unsafe class Subscription : IDisposable
{
    private const long ReplacementCheckIntervalMillis = 250;

    private readonly CountersFile _counters;
    private readonly IEpochClock _clock;
    private readonly string _path;
    private readonly long _heartbeatIntervalMillis;
    private readonly long _publisherTimeoutMillis;
    private readonly int _maxPollsPerClockRead;
    private int _pollsPerClockRead = 1;
    private int _pollsUntilClockRead = 1;
    private long _lastClockMillis = long.MinValue;
    private MappedLog? _log;
    private Image? _image;
    private long _clientId;
    private int _heartbeatCounterId = -1;
    private int _positionCounterId = -1;
    private long _positionRegistrationId;
    private long* _heartbeat;
    private long _nextDutyMillis;
    private long _nextReplacementCheckMillis;

    internal Subscription(IpcDirectory directory, int streamId)
    {
        _counters = directory.Counters;
        _clock = directory.Options.Clock;
        _heartbeatIntervalMillis = directory.Options.HeartbeatIntervalMillis;
        _publisherTimeoutMillis = directory.Options.PublisherTimeoutMillis;
        _maxPollsPerClockRead = directory.Options.MaxPollsPerClockRead;
        _path = directory.LogPath(streamId);
        StreamId = streamId;
        Duty(_clock.NowMillis());
    }

    public int StreamId { get; }

    public SubscriptionStatus Status { get; private set; }

    /// <summary>Why the status is <see cref="SubscriptionStatus.Faulted"/> (names the file).</summary>
    public string? Error { get; private set; }

    /// <summary>The joined image, or null before joining.</summary>
    public Image? Image => _image;

    /// <summary>Position of the next fragment, or −1 before joining.</summary>
    public long Position => _image?.Position ?? -1;

    /// <summary>True when connected and the publisher is alive.</summary>
    public bool IsConnected => Status == SubscriptionStatus.Connected;

    /// <summary>Delivers up to <paramref name="fragmentLimit"/> fragments and runs the subscriber's duties when due.</summary>
    public int Poll<THandler>(ref THandler handler, int fragmentLimit)
        where THandler : struct, IFragmentHandler
    {
        var image = _image;
        var fragments = image is null ? 0 : image.Poll(ref handler, fragmentLimit);
        if (--_pollsUntilClockRead <= 0)
        {
            OnClockReadDue();
        }

        return fragments;
    }

    /// <summary>Delivers up to <paramref name="blockLengthLimit"/> bytes of raw frames (see <see cref="Image.BlockPoll{THandler}"/>) and runs the duties when due.</summary>
    public int BlockPoll<THandler>(ref THandler handler, int blockLengthLimit)
        where THandler : struct, IBlockHandler
    {
        var image = _image;
        var bytes = image is null ? 0 : image.BlockPoll(ref handler, blockLengthLimit);
        if (--_pollsUntilClockRead <= 0)
        {
            OnClockReadDue();
        }

        return bytes;
    }

    public void Dispose()
    {
        Detach(_clock.NowMillis());
        Status = SubscriptionStatus.AwaitingPublisher;
    }

    /// <summary>
    /// Reads the clock and runs the duties when due. While connected and polled more than once per millisecond,
    /// the gap to the next read doubles up to the configured maximum; any millisecond tick seen resets it to 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnClockReadDue()
    {
        var now = _clock.NowMillis();
        _pollsPerClockRead = now == _lastClockMillis && Status == SubscriptionStatus.Connected
            ? Math.Min(_pollsPerClockRead * 2, _maxPollsPerClockRead)
            : 1;
        _pollsUntilClockRead = _pollsPerClockRead;
        _lastClockMillis = now;
        if (now >= _nextDutyMillis)
        {
            Duty(now);
        }
    }

    private void Duty(long now)
    {
        _nextDutyMillis = now + _heartbeatIntervalMillis;
        if (_heartbeat != null)
        {
            // Release: the publisher judges this subscriber alive by it.
            Volatile.Write(ref *_heartbeat, now);
        }

        switch (Status)
        {
            case SubscriptionStatus.AwaitingPublisher:
            case SubscriptionStatus.Faulted:
                TryAttach(now);
                break;
            case SubscriptionStatus.Joining:
                CheckJoin(now);
                break;
            case SubscriptionStatus.Connected:
            case SubscriptionStatus.PublisherDead:
            case SubscriptionStatus.EndOfStream:
                CheckConnected(now);
                break;
            case SubscriptionStatus.Dropped:
                break;
        }
    }

    private void CheckJoin(long now)
    {
        if (!_counters.IsAllocatedTo(_positionCounterId, _positionRegistrationId))
        {
            OnDropped();
            return;
        }

        if (!IsPublisherAlive(_log!, now))
        {
            // The publisher died before admitting us: start over with whatever log replaces it.
            Detach(now);
            return;
        }

        var counter = _counters.ValuePointer(_positionCounterId);
        var join = Volatile.Read(ref *counter);
        if (join >= 0)
        {
            _image = new Image(_log!, counter, join);
            Status = SubscriptionStatus.Connected;
        }
    }

    private void CheckConnected(long now)
    {
        if (!_counters.IsAllocatedTo(_positionCounterId, _positionRegistrationId))
        {
            OnDropped();
            return;
        }

        if (_image!.IsEndOfStream)
        {
            Status = SubscriptionStatus.EndOfStream;
        }
        else
        {
            Status = IsPublisherAlive(_log!, now) ? SubscriptionStatus.Connected : SubscriptionStatus.PublisherDead;
        }

        if (Status != SubscriptionStatus.Connected && now >= _nextReplacementCheckMillis)
        {
            _nextReplacementCheckMillis = now + ReplacementCheckIntervalMillis;
            CheckForReplacement(now);
        }
    }

    /// <summary>After the stream ended or its publisher died, and once drained, move to a log that replaced it.</summary>
    private void CheckForReplacement(long now)
    {
        if (_image!.Position < _log!.ProducerPosition() && Status == SubscriptionStatus.PublisherDead)
        {
            return;
        }

        try
        {
            if (!File.Exists(_path))
            {
                return;
            }

            using var candidate = MappedLog.Open(_path);
            if (candidate.CorrelationId == _log.CorrelationId || !IsPublisherAlive(candidate, now))
            {
                return;
            }
        }
        catch (IOException)
        {
            return;
        }

        Detach(now);
        TryAttach(now);
    }

    private void TryAttach(long now)
    {
        MappedLog log;
        try
        {
            if (!File.Exists(_path))
            {
                return;
            }

            log = MappedLog.Open(_path);
        }
        catch (InvalidDataException e)
        {
            Status = SubscriptionStatus.Faulted;
            Error = e.Message;
            return;
        }
        catch (IOException)
        {
            return;
        }

        if (Volatile.Read(ref *log.EndOfStreamPosition) != long.MaxValue || !IsPublisherAlive(log, now))
        {
            log.Dispose();
            Status = SubscriptionStatus.AwaitingPublisher;
            return;
        }

        _clientId = _counters.NextCorrelationId();
        Span<byte> key = stackalloc byte[16];
        BitConverter.TryWriteBytes(key, _clientId);
        _heartbeatCounterId = _counters.Allocate(
            CounterTypes.ClientHeartbeat, key[..8], $"client-heartbeat: id={_clientId}", _clientId, _clientId, 0, now, now);
        _positionRegistrationId = _counters.NextCorrelationId();
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeyRegistrationIdOffset..], log.CorrelationId);
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeySessionIdOffset..], log.SessionId);
        BitConverter.TryWriteBytes(key[CountersDescriptor.KeyStreamIdOffset..], log.StreamId);
        // Value −1 = "awaiting join": the publisher's conductor stores the join position, then hands the counter over.
        _positionCounterId = _counters.Allocate(
            CounterTypes.SubscriberPosition,
            key,
            $"sub-pos: {_positionRegistrationId} {log.SessionId} {log.StreamId} aeron:ipc",
            _positionRegistrationId,
            _clientId,
            log.CorrelationId,
            -1,
            now);
        _log = log;
        if (_heartbeatCounterId < 0 || _positionCounterId < 0)
        {
            Detach(now);
            Status = SubscriptionStatus.Faulted;
            Error = $"{_counters.Path}: counters file full ({_counters.Capacity} records)";
            return;
        }

        _heartbeat = _counters.ValuePointer(_heartbeatCounterId);
        Error = null;
        Interlocked.Increment(ref *(int*)log.VeloxField(VeloxLogHeader.SubscriberGenerationOffset));
        Status = SubscriptionStatus.Joining;
    }

    private void Detach(long now)
    {
        _image = null;
        _heartbeat = null;
        if (_positionCounterId >= 0)
        {
            _counters.Free(_positionCounterId, _positionRegistrationId, now);
            _positionCounterId = -1;
        }

        if (_heartbeatCounterId >= 0)
        {
            _counters.Free(_heartbeatCounterId, _clientId, now);
            _heartbeatCounterId = -1;
        }

        _log?.Dispose();
        _log = null;
        Status = SubscriptionStatus.AwaitingPublisher;
    }

    /// <summary>Our counters were reclaimed: stop writing to them at once (they may be reused).</summary>
    private void OnDropped()
    {
        _image = null;
        _heartbeat = null;
        _positionCounterId = -1;
        _heartbeatCounterId = -1;
        Status = SubscriptionStatus.Dropped;
    }

    private bool IsPublisherAlive(MappedLog log, long now)
    {
        // Acquire: written by the owner's duty cycle in another process.
        var heartbeat = Volatile.Read(ref *(long*)log.VeloxField(VeloxLogHeader.HeartbeatOffset));
        if (now - heartbeat > _publisherTimeoutMillis)
        {
            return false;
        }

        var pid = Volatile.Read(ref *(int*)log.VeloxField(VeloxLogHeader.OwnerPidOffset));
        return pid == 0 || ProcessLiveness.IsPidAlive(pid);
    }
}
