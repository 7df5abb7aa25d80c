using Velox.Core.Time;
using Velox.Ipc.Agents;
using Velox.Ipc.Publications;

namespace Velox.Archive.Replay;

/// <summary>
/// Publishes a recording's messages into a stream, as an agent: each reassembled message is offered whole
/// (the publication re-fragments what exceeds its MTU); messages that fit one frame go through TryClaim so the
/// recorded reserved value is carried over. Back-pressure keeps the message pending for the next duty cycle.
/// At <see cref="ReplayPace.Recorded"/> a message is held until its recorded time offset from the first
/// message has elapsed on the injected clock.
/// </summary>
public sealed class ArchiveReplayer : IAgent
{
    private readonly RecordingReader _reader;
    private readonly ExclusivePublication _publication;
    private readonly ReplayPace _pace;
    private readonly IClock _clock;
    private bool _pending;
    private long _firstRecordedNanos = -1;
    private long _firstReplayNanos;

    /// <summary>A replayer from <paramref name="reader"/> into <paramref name="publication"/>.</summary>
    public ArchiveReplayer(RecordingReader reader, ExclusivePublication publication, ReplayPace pace, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(publication);
        _reader = reader;
        _publication = publication;
        _pace = pace;
        _clock = clock ?? MonotonicClock.Instance;
    }

    /// <inheritdoc/>
    public string RoleName => "replayer";

    public ReplayStatus Status { get; private set; }

    /// <summary>Why the replay failed (names the file and offset for bad segments).</summary>
    public string? Error { get; private set; }

    public long MessagesReplayed { get; private set; }

    /// <inheritdoc/>
    public void OnStart()
    {
    }

    /// <inheritdoc/>
    public int DoWork()
    {
        var work = _publication.DoWork();
        if (Status != ReplayStatus.Replaying)
        {
            return work;
        }

        if (!_pending)
        {
            switch (_reader.MoveNext())
            {
                case ReadStatus.End:
                    Status = ReplayStatus.Done;
                    return work;
                case ReadStatus.Error:
                    Error = _reader.Error;
                    Status = ReplayStatus.Failed;
                    return work;
            }

            _pending = true;
        }

        if (_pace == ReplayPace.Recorded && !IsDue())
        {
            return work;
        }

        var result = Publish(_reader.Message, _reader.ReservedValue);
        if (result >= 0)
        {
            _pending = false;
            MessagesReplayed++;
            return work + 1;
        }

        if (result is PublicationResult.Closed or PublicationResult.MaxPositionExceeded)
        {
            Error = $"replay into stream {_publication.StreamId} stopped: publication result {result}";
            Status = ReplayStatus.Failed;
        }

        return work;
    }

    /// <inheritdoc/>
    public void OnClose()
    {
    }

    private bool IsDue()
    {
        var now = _clock.NowNanos();
        if (_firstRecordedNanos < 0)
        {
            _firstRecordedNanos = _reader.TimestampNanos;
            _firstReplayNanos = now;
            return true;
        }

        return now - _firstReplayNanos >= _reader.TimestampNanos - _firstRecordedNanos;
    }

    private long Publish(ReadOnlySpan<byte> message, long reservedValue)
    {
        if (message.Length > _publication.MaxPayloadLength)
        {
            return _publication.Offer(message);
        }

        var result = _publication.TryClaim(message.Length, out var claim);
        if (result >= 0)
        {
            message.CopyTo(claim.Buffer);
            claim.ReservedValue = reservedValue;
            claim.Commit();
        }

        return result;
    }
}
