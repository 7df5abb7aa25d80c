using System.Collections.Concurrent;
using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.Logging.Formatting;
using Velox.Logging.Ring;
using Velox.Logging.Sinks;

namespace Velox.Logging;

/// <summary>
/// The background half of the logger: each duty cycle drains committed records from the ring and queued
/// free-text messages (merged by timestamp), formats each into one reusable UTF-8 line and hands it to every
/// sink; reports drops as a <c>log.dropped</c> line; flushes the sinks when it finds nothing to do. Run it on
/// its own <see cref="AgentRunner"/> (<see cref="Logger.Start"/>) or add it to a housekeeping runner.
/// </summary>
public sealed class LogWriterAgent : IAgent
{
    private readonly LogRing _ring;
    private readonly ConcurrentQueue<LogMessage> _messages;
    private readonly LogCatalog _catalog;
    private readonly IClock _clock;
    private readonly ILogSink[] _sinks;
    private readonly LogLineFormatter _formatter;
    private readonly Utf8Line _line = new(4096);
    private readonly int _batchLimit;
    private readonly Lock _gate = new();
    private LogRecord _pending;
    private bool _hasPending;
    private bool _unflushed;
    private bool _closed;
    private long _reportedDrops;
    private long _lines;

    internal LogWriterAgent(
        LogRing ring, ConcurrentQueue<LogMessage> messages, LogCatalog catalog, IClock clock, ILogSink[] sinks, long epochOffsetNanos, int batchLimit)
    {
        _ring = ring;
        _messages = messages;
        _catalog = catalog;
        _clock = clock;
        _sinks = sinks;
        _batchLimit = batchLimit;
        _formatter = new LogLineFormatter(catalog, epochOffsetNanos);
    }

    /// <inheritdoc/>
    public string RoleName => "log-writer";

    /// <summary>Lines written to the sinks so far (log.dropped lines included).</summary>
    public long LinesWritten => Volatile.Read(ref _lines);

    /// <inheritdoc/>
    public void OnStart()
    {
    }

    /// <inheritdoc/>
    public int DoWork()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return 0;
            }

            var work = Drain(_batchLimit);
            if (work == 0 && _unflushed)
            {
                FlushSinks();
            }

            return work;
        }
    }

    /// <inheritdoc/>
    public void OnClose() => Close(disposeSinks: false);

    /// <summary>Writes everything committed and queued so far and flushes the sinks (from any thread; serialised with the duty cycle).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            while (Drain(_batchLimit) > 0)
            {
            }

            FlushSinks();
        }
    }

    /// <summary>Drains and flushes, then stops writing; the sinks are disposed when <paramref name="disposeSinks"/>.</summary>
    internal void Close(bool disposeSinks)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                while (Drain(_batchLimit) > 0)
                {
                }

                FlushSinks();
                _closed = true;
            }

            if (disposeSinks)
            {
                foreach (var sink in _sinks)
                {
                    sink.Dispose();
                }
            }
        }
    }

    private int Drain(int limit)
    {
        var work = 0;
        while (work < limit)
        {
            if (!_hasPending)
            {
                _hasPending = _ring.TryRead(out _pending);
            }

            var hasMessage = _messages.TryPeek(out var message);
            if (_hasPending && (!hasMessage || _pending.Timestamp <= message!.Timestamp))
            {
                _formatter.Format(in _pending, _line);
                _hasPending = false;
            }
            else if (hasMessage)
            {
                _messages.TryDequeue(out _);
                _formatter.Format(message!, _line);
            }
            else
            {
                break;
            }

            Emit();
            work++;
        }

        var dropped = _ring.Dropped;
        if (dropped != _reportedDrops)
        {
            ReportDrops(dropped);
            work++;
        }

        return work;
    }

    private void ReportDrops(long total)
    {
        var record = default(LogRecord);
        var handle = _catalog.Dropped;
        record.Timestamp = _clock.NowNanos();
        record.EventId = handle.Id;
        record.FieldCount = 2;
        record.Values[0] = total - _reportedDrops;
        record.Values[1] = total;
        _reportedDrops = total;
        if (_catalog.IsEnabled(in handle))
        {
            _formatter.Format(in record, _line);
            Emit();
        }
    }

    private void Emit()
    {
        var line = _line.Written;
        foreach (var sink in _sinks)
        {
            sink.Write(line);
        }

        _unflushed = true;
        Volatile.Write(ref _lines, _lines + 1);
    }

    private void FlushSinks()
    {
        foreach (var sink in _sinks)
        {
            sink.Flush();
        }

        _unflushed = false;
    }
}
