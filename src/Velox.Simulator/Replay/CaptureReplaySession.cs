using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Replay;

/// <summary>
/// Sends a recording's inbound frames to one client as they were received, byte for byte, at full
/// speed or at the recorded pace. Client messages are ignored: the recording already holds the
/// venue's replies (info, conf, subscribed) in the order the venue sent them.
/// </summary>
public sealed class CaptureReplaySession : ISimulatedConnection
{
    private readonly ICapturedFrameSource _source;
    private readonly IFrameSink _sink;
    private readonly ReplayPace _pace;
    private readonly int _batch;
    private readonly long _startNanos;
    private long _firstRecordedNanos = -1;
    private CapturedFrame _next;
    private bool _hasNext;

    /// <summary>Replays <paramref name="source"/> into <paramref name="sink"/> from <paramref name="startNanos"/> on.</summary>
    public CaptureReplaySession(ICapturedFrameSource source, IFrameSink sink, ReplayPace pace, long startNanos, int fullSpeedBatch = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fullSpeedBatch, 1);
        _source = source;
        _sink = sink;
        _pace = pace;
        _batch = fullSpeedBatch;
        _startNanos = startNanos;
        _hasNext = source.TryRead(out _next);
    }

    /// <summary>True when every frame has been sent.</summary>
    public bool IsFinished => !_hasNext;

    /// <summary>Always false: a replay has no injected faults.</summary>
    public bool IsStalled => false;

    /// <summary>Always false: after the last frame the connection stays open and silent.</summary>
    public bool IsClosed => false;

    /// <inheritdoc/>
    public void OnClosed()
    {
        // A replay holds no account state to release.
    }

    /// <summary>Frames sent so far.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Nothing: the recording starts with the venue's own "info" event.</summary>
    public void Open()
    {
    }

    /// <summary>Ignored: the recorded replies are replayed instead.</summary>
    public void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
    }

    /// <summary>Sends the frames due at <paramref name="nowNanos"/>; returns how many went out.</summary>
    public int Poll(long nowNanos)
    {
        var sent = 0;
        while (_hasNext && (_pace == ReplayPace.Recorded || sent < _batch))
        {
            if (_firstRecordedNanos < 0)
            {
                _firstRecordedNanos = _next.TimestampNanos;
            }

            if (_pace == ReplayPace.Recorded && _startNanos + (_next.TimestampNanos - _firstRecordedNanos) > nowNanos)
            {
                break;
            }

            _sink.Send(_next.Frame.Span);
            sent++;
            _hasNext = _source.TryRead(out _next);
        }

        FramesSent += sent;
        return sent;
    }
}
