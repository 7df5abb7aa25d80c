using System.Collections.Concurrent;
using Velox.Simulator.Bitfinex;
using Velox.Simulator.Faults;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>
/// One client of a <see cref="VenueExchange"/>: advances the shared market, then forwards the logged
/// frames the client subscribed to, in the venue's wrapping, with the faults asked of it. The dialect
/// subclass parses client messages and decides what a client wants. Driven by one thread.
/// </summary>
public abstract class VenueConnection : ISimulatedConnection
{
    private const int MaxFramesPerPoll = 256;

    private readonly ConcurrentQueue<FaultKind> _requestedFaults = new();
    private long _position;
    private bool _dropNext;
    private bool _corruptNext;
    private bool _malformNext;

    /// <summary>Creates the connection; frames go to <paramref name="sink"/>.</summary>
    protected VenueConnection(VenueExchange exchange, IFrameSink sink)
    {
        Exchange = exchange;
        Sink = sink;
    }

    /// <summary>The shared exchange.</summary>
    protected VenueExchange Exchange { get; }

    /// <summary>Where frames go.</summary>
    protected IFrameSink Sink { get; }

    /// <summary>Scratch writer of this connection's own frames (replies, snapshots, wrapped stream frames).</summary>
    protected FrameWriter Writer { get; } = new();

    /// <inheritdoc />
    public bool IsStalled => false;

    /// <inheritdoc />
    public bool IsClosed { get; private set; }

    /// <summary>Depth frames not sent because a DropFrame fault asked so.</summary>
    public long DroppedFrames { get; private set; }

    /// <summary>Frames sent with a wrong checksum or truncated, as asked.</summary>
    public long CorruptedFrames { get; private set; }

    /// <summary>Stream frames sent.</summary>
    public long FramesSent { get; private set; }

    /// <inheritdoc />
    public virtual void Open()
    {
        lock (Exchange.Gate)
        {
            _position = Exchange.Log.Head;
        }
    }

    /// <inheritdoc />
    public abstract void OnClientMessage(ReadOnlySpan<byte> utf8);

    /// <inheritdoc />
    public virtual void OnClosed()
    {
        // Market-data clients hold nothing on the exchange: their position in the shared log just goes away.
    }

    /// <summary>True when this dialect can inject <paramref name="kind"/>.</summary>
    public virtual bool Supports(FaultKind kind) => kind is FaultKind.DropFrame or FaultKind.MalformedJson or FaultKind.Disconnect;

    /// <summary>Requests a fault; it applies at the next <see cref="Poll"/> (any thread). False when unsupported.</summary>
    public bool Inject(FaultKind kind)
    {
        if (!Supports(kind))
        {
            return false;
        }

        _requestedFaults.Enqueue(kind);
        return true;
    }

    /// <summary>True while a requested fault waits for the next <see cref="Poll"/> (any thread).</summary>
    public bool HasRequestedFaults => !_requestedFaults.IsEmpty;

    /// <inheritdoc />
    public int Poll(long nowNanos)
    {
        if (IsClosed)
        {
            return 0;
        }

        Exchange.Advance(nowNanos);
        while (_requestedFaults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case FaultKind.DropFrame:
                    _dropNext = true;
                    break;
                case FaultKind.CorruptChecksum:
                    _corruptNext = true;
                    break;
                case FaultKind.MalformedJson:
                    _malformNext = true;
                    break;
                case FaultKind.Disconnect:
                    Close();
                    return 1;
                default:
                    OnFault(fault);
                    break;
            }
        }

        var sent = Heartbeat(nowNanos);
        if (IsClosed)
        {
            return sent;
        }

        while (sent < MaxFramesPerPoll && TryNextFrame(out var isDepth))
        {
            if (isDepth && _dropNext && IsFaultTarget(Writer))
            {
                _dropNext = false;
                DroppedFrames++;
                continue;
            }

            if (isDepth && _corruptNext && CorruptChecksum(Writer))
            {
                _corruptNext = false;
                CorruptedFrames++;
            }
            else if (isDepth && _malformNext && IsFaultTarget(Writer))
            {
                _malformNext = false;
                Writer.Truncate(Writer.Length / 2);
                CorruptedFrames++;
            }

            Send(Writer.Written);
            FramesSent++;
            sent++;
        }

        return sent + PollDialect(nowNanos);
    }

    /// <summary>The dialect's own work at each poll (order entry: queued execution events, delayed answers); returns work done.</summary>
    protected virtual int PollDialect(long nowNanos) => 0;

    /// <summary>True when the client subscribed to this logged frame (called under the exchange lock).</summary>
    private protected abstract bool Wants(in FrameLog.Entry entry);

    /// <summary>Writes the logged <paramref name="frame"/> as this client receives it (default: as is).</summary>
    private protected virtual void Render(in FrameLog.Entry entry, ReadOnlySpan<byte> frame, FrameWriter writer) => writer.Raw(frame);

    /// <summary>True when the rendered depth frame may be the one a DropFrame or MalformedJson fault spoils (default: any).</summary>
    protected virtual bool IsFaultTarget(FrameWriter writer) => true;

    /// <summary>Alters the checksum of the depth frame in <paramref name="writer"/>; false when the dialect has none.</summary>
    protected virtual bool CorruptChecksum(FrameWriter writer) => false;

    /// <summary>Sends one frame as this venue frames it (default: a text message as is).</summary>
    protected virtual void Send(ReadOnlySpan<byte> frame) => Sink.Send(frame);

    /// <summary>What the venue sends on a timer, due at <paramref name="nowNanos"/> (server pings, heartbeats), before the logged frames; may <see cref="Close"/>. Returns frames sent (default: none).</summary>
    protected virtual int Heartbeat(long nowNanos) => 0;

    /// <summary>A requested fault the base class does not handle itself (one the dialect declared in <see cref="Supports"/>: order entry faults, missed pongs).</summary>
    protected virtual void OnFault(FaultKind kind)
    {
    }

    /// <summary>
    /// Writes the current book of <paramref name="instrument"/> into <see cref="Writer"/> with <paramref name="write"/>
    /// (writer, market, update id, exchange ms) after publishing what is pending, so the snapshot's id is exactly the
    /// last published one; returns that id (the client then wants only depth frames after it). Cold path (subscribe).
    /// </summary>
    protected long WriteSnapshot(int instrument, Action<FrameWriter, InstrumentMarket, long, long> write)
    {
        Writer.Reset();
        lock (Exchange.Gate)
        {
            Exchange.PublishPending(instrument);
            var id = Exchange.UpdateId(instrument);
            write(Writer, Exchange.Market[instrument], id, Exchange.NowMillis);
            return id;
        }
    }

    /// <summary>Client text echoed in an error, reduced to characters that need no JSON escaping.</summary>
    protected static string Printable(string? text) =>
        text is null ? string.Empty : string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or '@' ? c : '?'));

    /// <summary>Drops the transport without a close handshake.</summary>
    protected void Close()
    {
        IsClosed = true;
        Sink.Close(abrupt: true);
    }

    private bool TryNextFrame(out bool isDepth)
    {
        isDepth = false;
        lock (Exchange.Gate)
        {
            var log = Exchange.Log;
            if (_position < log.Head - log.Capacity)
            {
                // A client a whole log behind is a slow consumer: the venues disconnect it.
                Close();
                return false;
            }

            while (_position < log.Head)
            {
                var frame = log.Frame(_position++, out var entry);
                if (!Wants(entry))
                {
                    continue;
                }

                Writer.Reset();
                Render(entry, frame, Writer);
                isDepth = entry.Stream == VenueStream.Depth;
                return true;
            }
        }

        return false;
    }
}
