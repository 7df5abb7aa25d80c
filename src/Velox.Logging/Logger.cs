using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.Logging.Ring;
using Velox.Logging.Sinks;

namespace Velox.Logging;

/// <summary>
/// Structured logging for hot paths. <c>Log(in evt, values…)</c> checks the event's component threshold (one
/// volatile read), claims a slot of a preallocated ring, stores the clock time, the event id and the raw
/// 8-byte values, and commits: no formatting, no allocation, no blocking. A full ring drops the record and
/// counts it. The <see cref="LogWriterAgent"/> turns records into JSON lines in the background.
/// Values follow the event's field order: longs as is, fixed-point as their raw long (<c>price.Raw</c>),
/// bools via <see cref="Flag"/>, times in clock nanoseconds, strings as <see cref="LogText.Value"/>.
/// </summary>
public sealed class Logger : IDisposable
{
    private readonly LogCatalog _catalog;
    private readonly IClock _clock;
    private readonly LogRing _ring;
    private readonly ConcurrentQueue<LogMessage> _messages = new();
    private AgentRunner? _runner;
    private int _disposed;

    /// <summary>A logger over <paramref name="catalog"/> writing to <paramref name="sinks"/>; call <see cref="Start"/> or run <see cref="Agent"/>.</summary>
    public Logger(LogCatalog catalog, IClock clock, LoggerOptions options, params ILogSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchLimit, 1);
        _catalog = catalog;
        _clock = clock;
        _ring = new LogRing(options.RingCapacity);
        var epochOffset = options.EpochOffsetNanos ?? (((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100) - clock.NowNanos());
        Agent = new LogWriterAgent(_ring, _messages, catalog, clock, [.. sinks], epochOffset, options.BatchLimit);
    }

    public LogCatalog Catalog => _catalog;

    /// <summary>The background writer, for callers that run it on their own runner instead of <see cref="Start"/>.</summary>
    public LogWriterAgent Agent { get; }

    /// <summary>Records dropped because the ring was full.</summary>
    public long DroppedCount => _ring.Dropped;

    /// <summary>Ring capacity in records.</summary>
    public int Capacity => _ring.Capacity;

    /// <summary>A bool as a field value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Flag(bool value) => value ? 1 : 0;

    /// <summary>Starts the writer on a runner thread of its own; false when the thread did not come up in time.</summary>
    public bool Start(AgentRunnerOptions? runnerOptions = null)
    {
        if (_runner is not null)
        {
            throw new InvalidOperationException("the log writer is already started");
        }

        _runner = new AgentRunner(runnerOptions ?? new AgentRunnerOptions { Name = "velox-log", BackoffMaxParkNanos = 1_000_000 }, Agent);
        return _runner.Start();
    }

    /// <summary>Enqueues an event without fields; true when enqueued, false when filtered out or dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Log(in LogEvent evt) => Write(in evt, []);

    /// <summary>Enqueues an event with one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Log(in LogEvent evt, long v0) => Write(in evt, [v0]);

    /// <summary>Enqueues an event with two values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Log(in LogEvent evt, long v0, long v1) => Write(in evt, [v0, v1]);

    /// <summary>Enqueues an event with three values.</summary>
    public bool Log(in LogEvent evt, long v0, long v1, long v2) => Write(in evt, [v0, v1, v2]);

    /// <summary>Enqueues an event with four values.</summary>
    public bool Log(in LogEvent evt, long v0, long v1, long v2, long v3) => Write(in evt, [v0, v1, v2, v3]);

    /// <summary>Enqueues an event with five values.</summary>
    public bool Log(in LogEvent evt, long v0, long v1, long v2, long v3, long v4) => Write(in evt, [v0, v1, v2, v3, v4]);

    /// <summary>Enqueues an event with up to <see cref="LogCatalog.MaxFields"/> values (more are ignored).</summary>
    public bool Log(in LogEvent evt, scoped ReadOnlySpan<long> values) => Write(in evt, values[..Math.Min(values.Length, LogRecord.MaxFields)]);

    /// <summary>
    /// Cold path: a free-text message (startup, configuration errors, rare failures). Allocates; printed as
    /// <c>"event":eventName,"fields":{"msg":text}</c> in timestamp order with the records.
    /// </summary>
    public bool Message(LogComponent component, LogLevel level, string eventName, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(text);
        if (level is < LogLevel.Trace or >= LogLevel.Off)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "a message's level is trace, debug, info, warn or error");
        }

        if ((int)level < (int)_catalog.LevelOf(component))
        {
            return false;
        }

        _messages.Enqueue(new LogMessage(_clock.NowNanos(), component, level, eventName, text));
        return true;
    }

    /// <summary>Writes everything enqueued so far and flushes the sinks (serialised with the writer's duty cycle).</summary>
    public void Flush() => Agent.Flush();

    /// <summary>Stops the writer (its last cycle drains the ring and the messages), flushes and disposes the sinks.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runner?.Dispose();
        Agent.Close(disposeSinks: true);
    }

    /// <summary>
    /// The one record-building body behind every <c>Log</c> overload: threshold check, ring claim, header,
    /// values, commit. <paramref name="values"/> holds at most <see cref="LogRecord.MaxFields"/> values; the
    /// fixed-arity overloads pass a stack-allocated collection expression, so nothing is allocated.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Write(in LogEvent evt, scoped ReadOnlySpan<long> values)
    {
        if (!_catalog.IsEnabled(in evt))
        {
            return false;
        }

        ref var slot = ref _ring.TryClaim(out var position);
        if (Unsafe.IsNullRef(ref slot))
        {
            return false;
        }

        slot.Timestamp = _clock.NowNanos();
        slot.EventId = evt.Id;
        slot.FieldCount = values.Length;
        values.CopyTo(slot.Values);
        LogRing.Commit(ref slot, position);
        return true;
    }
}
