using System.Runtime.CompilerServices;
using Velox.Ipc.Counters;
using Velox.Ipc.LogBuffers;
using Velox.Ipc.Platform;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Publications;

/// <summary>
/// The media-driver duties for one log, run by the publication that owns the log on its own duty cycle
/// (<see cref="DoWork"/>): heartbeat, subscriber discovery and joins, liveness (drop timed-out
/// subscribers), pub-pos sampling, pub-lmt = slowest subscriber + window, cleaning behind the slowest
/// subscriber, is-connected, and (concurrent logs) unblocking a frame left half-written by a dead writer.
/// A non-owning publication's conductor only watches for a dead owner and takes over by CAS.
/// </summary>
public sealed unsafe class LogConductor
{
    /// <summary>Most subscribers tracked per log.</summary>
    public const int MaxSubscribers = 64;

    private const long RescanIntervalMillis = 1000;

    private readonly MappedLog _log;
    private readonly CountersFile _counters;
    private readonly IEpochClock _clock;
    private readonly long _registrationId;
    private readonly long _heartbeatIntervalMillis;
    private readonly long _subscriberTimeoutMillis;
    private readonly long _publisherTimeoutMillis;
    private readonly long _unblockTimeoutMillis;
    private readonly bool _unblockEnabled;
    private readonly int _window;
    private readonly long* _publisherLimit;
    private readonly long* _publisherPosition;
    private readonly int[] _subscriberPositionIds = new int[MaxSubscribers];
    private readonly long[] _subscriberRegistrationIds = new long[MaxSubscribers];
    private readonly int[] _heartbeatIds = new int[MaxSubscribers];
    private readonly long[] _heartbeatRegistrationIds = new long[MaxSubscribers];
    private int _subscriberCount;
    private int _busy;
    private bool _isOwner;
    private long _tripLimit;
    private long _consumerPosition;
    private long _cleanPosition;
    private long _nextHeartbeatMillis;
    private long _nextRescanMillis;
    private long _nextOwnerCheckMillis;
    private int _lastGeneration = int.MinValue;
    private long _lastMinPosition = -1;
    private long _timeOfLastMinChangeMillis;

    /// <summary>Conductor for a log; <paramref name="isOwner"/> when this publication created it.</summary>
    public LogConductor(MappedLog log, CountersFile counters, IpcOptions options, long registrationId, bool isOwner)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(options);
        _log = log;
        _counters = counters;
        _clock = options.Clock;
        _registrationId = registrationId;
        _heartbeatIntervalMillis = options.HeartbeatIntervalMillis;
        _subscriberTimeoutMillis = options.SubscriberTimeoutMillis;
        _publisherTimeoutMillis = options.PublisherTimeoutMillis;
        _unblockTimeoutMillis = options.UnblockTimeoutMillis;
        _unblockEnabled = log.PublicationKind == VeloxLogHeader.KindConcurrent;
        _window = log.TermWindowLength;
        _publisherLimit = counters.ValuePointer(*(int*)log.VeloxField(VeloxLogHeader.PublisherLimitCounterIdOffset));
        _publisherPosition = counters.ValuePointer(*(int*)log.VeloxField(VeloxLogHeader.PublisherPositionCounterIdOffset));
        if (isOwner)
        {
            AdoptState(_clock.NowMillis());
        }
    }

    /// <summary>True while this publication performs the duties for the log.</summary>
    public bool IsOwner => _isOwner;

    /// <summary>Subscribers currently tracked (joined or joining).</summary>
    public int SubscriberCount => _subscriberCount;

    /// <summary>Pointer to the pub-lmt counter value publications check before writing.</summary>
    public long* PublisherLimit => _publisherLimit;

    /// <summary>One duty cycle; returns the amount of work done. Safe to call from several threads (one runs, the others skip).</summary>
    public int DoWork()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return 0;
        }

        try
        {
            return DutyCycle();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Called when a publication on this log closes: the last one ends the stream; an owner hands over.</summary>
    internal void OnPublicationClosed(long finalPosition)
    {
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Thread.Yield();
        }

        var remaining = Interlocked.Decrement(ref *(int*)_log.VeloxField(VeloxLogHeader.PublicationCountOffset));
        var owner = (long*)_log.VeloxField(VeloxLogHeader.OwnerRegistrationIdOffset);
        if (remaining <= 0)
        {
            var position = finalPosition >= 0 ? finalPosition : _log.ProducerPosition();
            Volatile.Write(ref *_publisherLimit, position);
            Volatile.Write(ref *_log.EndOfStreamPosition, position);
            *(int*)_log.VeloxField(VeloxLogHeader.OwnerPidOffset) = 0;
            Interlocked.Exchange(ref *owner, 0);
        }
        else if (_isOwner)
        {
            Interlocked.CompareExchange(ref *owner, 0, _registrationId);
        }

        _isOwner = false;
        Volatile.Write(ref _busy, 0);
    }

    private int DutyCycle()
    {
        var now = _clock.NowMillis();
        if (!_isOwner || Volatile.Read(ref *(long*)_log.VeloxField(VeloxLogHeader.OwnerRegistrationIdOffset)) != _registrationId)
        {
            _isOwner = false;
            if (now < _nextOwnerCheckMillis)
            {
                return 0;
            }

            _nextOwnerCheckMillis = now + _heartbeatIntervalMillis;
            if (!TryTakeOwnership(now))
            {
                return 0;
            }
        }

        var work = 0;
        if (now >= _nextHeartbeatMillis)
        {
            // Release: subscribers compare it with their clock to judge the publisher alive.
            Volatile.Write(ref *(long*)_log.VeloxField(VeloxLogHeader.HeartbeatOffset), now);
            _nextHeartbeatMillis = now + _heartbeatIntervalMillis;
            work += CheckSubscribers(now);
        }
        else if (Volatile.Read(ref *(int*)_log.VeloxField(VeloxLogHeader.SubscriberGenerationOffset)) != _lastGeneration)
        {
            Rescan();
            work++;
        }

        return work + UpdatePositionAndLimit(now);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryTakeOwnership(long now)
    {
        var owner = (long*)_log.VeloxField(VeloxLogHeader.OwnerRegistrationIdOffset);
        var current = Volatile.Read(ref *owner);
        if (current != 0)
        {
            var pid = *(int*)_log.VeloxField(VeloxLogHeader.OwnerPidOffset);
            var heartbeat = Volatile.Read(ref *(long*)_log.VeloxField(VeloxLogHeader.HeartbeatOffset));
            if (now - heartbeat <= _publisherTimeoutMillis && ProcessLiveness.IsPidAlive(pid))
            {
                return false;
            }

            // Heartbeat stale or pid gone: the careful (allocating) check that also catches pid reuse.
            var startTime = *(long*)_log.VeloxField(VeloxLogHeader.OwnerStartTimeOffset);
            if (ProcessLiveness.IsAlive(pid, startTime))
            {
                return false;
            }
        }

        if (Volatile.Read(ref *_log.EndOfStreamPosition) != long.MaxValue ||
            Interlocked.CompareExchange(ref *owner, _registrationId, current) != current)
        {
            return false;
        }

        *(int*)_log.VeloxField(VeloxLogHeader.OwnerPidOffset) = Environment.ProcessId;
        *(long*)_log.VeloxField(VeloxLogHeader.OwnerStartTimeOffset) = ProcessLiveness.CurrentStartTime;
        AdoptState(now);
        return true;
    }

    private void AdoptState(long now)
    {
        _isOwner = true;
        _cleanPosition = Volatile.Read(ref *(long*)_log.VeloxField(VeloxLogHeader.CleanPositionOffset));
        _consumerPosition = Volatile.Read(ref *(long*)_log.VeloxField(VeloxLogHeader.ConsumerPositionOffset));
        _tripLimit = 0;
        _nextHeartbeatMillis = now;
        _nextRescanMillis = now;
        _timeOfLastMinChangeMillis = now;
        _lastMinPosition = -1;
        _lastGeneration = int.MinValue;
    }

    private int CheckSubscribers(long now)
    {
        if (now >= _nextRescanMillis || Volatile.Read(ref *(int*)_log.VeloxField(VeloxLogHeader.SubscriberGenerationOffset)) != _lastGeneration)
        {
            Rescan();
            _nextRescanMillis = now + RescanIntervalMillis;
        }

        var dropped = 0;
        for (var i = _subscriberCount - 1; i >= 0; i--)
        {
            var positionId = _subscriberPositionIds[i];
            if (!_counters.IsAllocatedTo(positionId, _subscriberRegistrationIds[i]))
            {
                RemoveAt(i);
                continue;
            }

            var heartbeatId = _heartbeatIds[i];
            var heartbeat = heartbeatId >= 0 && _counters.IsAllocatedTo(heartbeatId, _heartbeatRegistrationIds[i])
                ? Volatile.Read(ref *_counters.ValuePointer(heartbeatId))
                : 0;
            if (now - heartbeat > _subscriberTimeoutMillis)
            {
                // Free both so a paused (not dead) subscriber learns it was dropped when it next checks.
                _counters.Free(positionId, _subscriberRegistrationIds[i], now);
                if (heartbeatId >= 0)
                {
                    _counters.Free(heartbeatId, _heartbeatRegistrationIds[i], now);
                }

                RemoveAt(i);
                dropped++;
            }
        }

        return dropped;
    }

    private void Rescan()
    {
        _lastGeneration = Volatile.Read(ref *(int*)_log.VeloxField(VeloxLogHeader.SubscriberGenerationOffset));
        var count = 0;
        var correlationId = _log.CorrelationId;
        for (var id = 0; id < _counters.Capacity && count < MaxSubscribers; id++)
        {
            if (_counters.State(id) != CountersDescriptor.RecordAllocated ||
                _counters.TypeId(id) != CounterTypes.SubscriberPosition ||
                _counters.ReferenceId(id) != correlationId)
            {
                continue;
            }

            _subscriberPositionIds[count] = id;
            _subscriberRegistrationIds[count] = _counters.RegistrationId(id);
            _heartbeatIds[count] = FindHeartbeat(_counters.OwnerId(id));
            _heartbeatRegistrationIds[count] = _counters.OwnerId(id);
            count++;
        }

        _subscriberCount = count;
    }

    private int FindHeartbeat(long clientId)
    {
        for (var id = 0; id < _counters.Capacity; id++)
        {
            if (_counters.State(id) == CountersDescriptor.RecordAllocated &&
                _counters.TypeId(id) == CounterTypes.ClientHeartbeat &&
                _counters.RegistrationId(id) == clientId)
            {
                return id;
            }
        }

        return -1;
    }

    private void RemoveAt(int index)
    {
        var last = --_subscriberCount;
        _subscriberPositionIds[index] = _subscriberPositionIds[last];
        _subscriberRegistrationIds[index] = _subscriberRegistrationIds[last];
        _heartbeatIds[index] = _heartbeatIds[last];
        _heartbeatRegistrationIds[index] = _heartbeatRegistrationIds[last];
    }

    private int UpdatePositionAndLimit(long now)
    {
        var producer = _log.ProducerPosition();
        Volatile.Write(ref *_publisherPosition, producer);

        var min = long.MaxValue;
        var max = _consumerPosition;
        var joined = 0;
        for (var i = 0; i < _subscriberCount; i++)
        {
            // Acquire: subscriber positions are release-stored by other processes.
            var position = Volatile.Read(ref *_counters.ValuePointer(_subscriberPositionIds[i]));
            if (position >= 0)
            {
                joined++;
                min = Math.Min(min, position);
                max = Math.Max(max, position);
            }
        }

        var work = 0;
        if (joined < _subscriberCount)
        {
            // Joins are decided here, where cleaning happens, so a joiner never lands behind cleaned bytes.
            var join = joined > 0 ? min : producer;
            for (var i = 0; i < _subscriberCount; i++)
            {
                var value = _counters.ValuePointer(_subscriberPositionIds[i]);
                if (Volatile.Read(ref *value) < 0)
                {
                    Volatile.Write(ref *value, join);
                    work++;
                }
            }

            min = Math.Min(min, join);
            max = Math.Max(max, join);
            joined = _subscriberCount;
        }

        var isConnected = _log.IsConnected;
        if (joined > 0)
        {
            var proposed = min + _window;
            if (proposed > _tripLimit)
            {
                Clean(min);
                Volatile.Write(ref *_publisherLimit, proposed);
                _tripLimit = proposed + (_window / 8);
                work++;
            }

            if (max != _consumerPosition)
            {
                _consumerPosition = max;
                Volatile.Write(ref *(long*)_log.VeloxField(VeloxLogHeader.ConsumerPositionOffset), max);
            }

            if (*isConnected != 1)
            {
                Volatile.Write(ref *isConnected, 1);
            }

            if (_unblockEnabled)
            {
                work += CheckForBlockedLog(now, producer, min);
            }
        }
        else
        {
            // No subscriber: hold the limit at the consumer position so offers report NOT_CONNECTED.
            Volatile.Write(ref *_publisherLimit, _consumerPosition);
            _tripLimit = 0;
            if (*isConnected != 0)
            {
                Volatile.Write(ref *isConnected, 0);
            }
        }

        return work;
    }

    private void Clean(long minPosition)
    {
        var termLength = _log.TermLength;
        while (_cleanPosition < minPosition)
        {
            var termOffset = (int)(_cleanPosition & (termLength - 1));
            var length = (int)Math.Min(minPosition - _cleanPosition, termLength - termOffset);
            var start = _log.Term(IndexByPosition(_cleanPosition, _log.PositionBitsToShift)) + termOffset;
            new Span<byte>(start + sizeof(long), length - sizeof(long)).Clear();
            // The first word (a frame length) last, so the cleaned region reads as "not yet written" only once it is all zero.
            Volatile.Write(ref *(long*)start, 0);
            _cleanPosition += length;
        }

        Volatile.Write(ref *(long*)_log.VeloxField(VeloxLogHeader.CleanPositionOffset), _cleanPosition);
    }

    private int CheckForBlockedLog(long now, long producer, long minPosition)
    {
        if (producer <= minPosition || minPosition != _lastMinPosition)
        {
            _lastMinPosition = minPosition;
            _timeOfLastMinChangeMillis = now;
            return 0;
        }

        if (now - _timeOfLastMinChangeMillis < _unblockTimeoutMillis)
        {
            return 0;
        }

        _timeOfLastMinChangeMillis = now;
        return LogUnblocker.Unblock(_log, minPosition) ? 1 : 0;
    }
}
