using System.Runtime.CompilerServices;
using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Publications;

/// <summary>
/// Multi-writer publication: any number of threads, and of processes mapping the same log, claim space by
/// fetch-add on the active partition's raw tail. The writer that overruns the term pads its remainder;
/// every overrunning writer helps rotate (CAS) and gets <see cref="PublicationResult.AdminAction"/>.
/// </summary>
public sealed unsafe class ConcurrentPublication : IDisposable
{
    private readonly MappedLog _log;
    private readonly long* _publisherLimit;
    private readonly LogConductor? _conductor;
    private readonly int _termLength;
    private readonly int _positionBitsToShift;
    private readonly int _initialTermId;
    private readonly int _sessionId;
    private readonly int _streamId;
    private readonly long _maxPossiblePosition;
    private readonly Action? _onClose;
    private int _closed;

    /// <summary>A publication over a mapped log and a limit counter; <paramref name="conductor"/> may be null when another agent drives the log.</summary>
    public ConcurrentPublication(MappedLog log, long* publisherLimit, LogConductor? conductor, Action? onClose = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _publisherLimit = publisherLimit;
        _conductor = conductor;
        _onClose = onClose;
        _termLength = log.TermLength;
        _positionBitsToShift = log.PositionBitsToShift;
        _initialTermId = log.InitialTermId;
        _sessionId = log.SessionId;
        _streamId = log.StreamId;
        _maxPossiblePosition = MaxPossiblePosition(_termLength);
        MaxPayloadLength = log.Mtu - DataHeader.Length;
        MaxMessageLength = ComputeMaxMessageLength(_termLength);
    }

    public MappedLog Log => _log;

    public int SessionId => _sessionId;

    public int StreamId => _streamId;

    /// <summary>Largest payload that fits one frame (MTU − 32); bigger messages are fragmented.</summary>
    public int MaxPayloadLength { get; }

    /// <summary>min(termLength / 8, 16 MiB).</summary>
    public int MaxMessageLength { get; }

    /// <summary>Producer position of the log (all writers).</summary>
    public long Position => _log.ProducerPosition();

    public long PositionLimit => Volatile.Read(ref *_publisherLimit);

    public bool IsConnected => Volatile.Read(ref *_log.IsConnected) == 1;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True while this publication performs the log's driver duties.</summary>
    public bool IsOwner => _conductor?.IsOwner ?? false;

    /// <summary>The driver duty cycle (only the owning publication does the work); call it from the publishing agent's loop.</summary>
    public int DoWork() => _conductor?.DoWork() ?? 0;

    /// <summary>Copies the message into the log; new position, or a negative <see cref="PublicationResult"/>.</summary>
    public long Offer(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxPayloadLength)
        {
            return OfferFragmented(message);
        }

        var frameLength = message.Length + DataHeader.Length;
        var result = Claim(DataHeader.Align(frameLength), out var term, out var termOffset, out var termId);
        if (result < 0)
        {
            return result;
        }

        var frame = term + termOffset;
        FrameWriter.WriteClaimedHeader(frame, frameLength, DataHeader.UnfragmentedFlags, DataHeader.TypeData, termOffset, _sessionId, _streamId, termId);
        message.CopyTo(new Span<byte>(frame + DataHeader.Length, message.Length));
        FrameWriter.Publish(frame, frameLength);
        return result;
    }

    /// <summary>Reserves a frame for encoding in place; invisible to readers until <see cref="BufferClaim.Commit"/>.</summary>
    public long TryClaim(int length, out BufferClaim claim)
    {
        claim = default;
        if ((uint)length > (uint)MaxPayloadLength)
        {
            PublicationThrow.ClaimTooLong(length, MaxPayloadLength);
        }

        var frameLength = length + DataHeader.Length;
        var result = Claim(DataHeader.Align(frameLength), out var term, out var termOffset, out var termId);
        if (result < 0)
        {
            return result;
        }

        var frame = term + termOffset;
        FrameWriter.WriteClaimedHeader(frame, frameLength, DataHeader.UnfragmentedFlags, DataHeader.TypeData, termOffset, _sessionId, _streamId, termId);
        claim = new BufferClaim(frame, frameLength);
        return result;
    }

    /// <summary>Closes this handle; the stream ends once the last publication on the log closes.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _conductor?.OnPublicationClosed(-1);
        _onClose?.Invoke();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long OfferFragmented(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageLength)
        {
            PublicationThrow.MessageTooLong(message.Length, MaxMessageLength);
        }

        var result = Claim(FrameWriter.FragmentedLength(message.Length, MaxPayloadLength), out var term, out var termOffset, out var termId);
        if (result >= 0)
        {
            FrameWriter.WriteFragmented(term, termOffset, message, MaxPayloadLength, _sessionId, _streamId, termId);
        }

        return result;
    }

    /// <summary>Reserves <paramref name="alignedLength"/> bytes by fetch-add; the resulting position or a negative code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Claim(int alignedLength, out byte* term, out int termOffset, out int termId)
    {
        term = null;
        termOffset = 0;
        termId = 0;
        if (Volatile.Read(ref _closed) != 0)
        {
            return PublicationResult.Closed;
        }

        var limit = Volatile.Read(ref *_publisherLimit);
        var termCount = Volatile.Read(ref *_log.ActiveTermCount);
        var index = IndexByTermCount(termCount);
        var tail = _log.TailCounter(index);
        var rawTail = Volatile.Read(ref *tail);
        termId = TermId(rawTail);
        if (termCount != unchecked(termId - _initialTermId))
        {
            // Another writer is between the tail CAS and the term count CAS of a rotation.
            return PublicationResult.AdminAction;
        }

        var position = ComputeTermBeginPosition(termId, _positionBitsToShift, _initialTermId) + TermOffset(rawTail, _termLength);
        if (position >= limit && !RefreshLimit(position))
        {
            return BackPressureStatus(position);
        }

        rawTail = Interlocked.Add(ref *tail, alignedLength) - alignedLength;
        termId = TermId(rawTail);
        var offset = rawTail & 0xFFFF_FFFFL;
        var resultingOffset = offset + alignedLength;
        if (resultingOffset > _termLength)
        {
            return HandleEndOfTerm(termCount, termId, offset);
        }

        term = _log.Term(index);
        termOffset = (int)offset;
        return ComputeTermBeginPosition(termId, _positionBitsToShift, _initialTermId) + resultingOffset;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long HandleEndOfTerm(int termCount, int termId, long termOffset)
    {
        if (termOffset < _termLength)
        {
            // Only the writer whose claim straddles the end pads; later over-claims start past the end.
            var offset = (int)termOffset;
            FrameWriter.WritePadding(_log.Term(IndexByTermCount(termCount)), offset, _termLength - offset, _sessionId, _streamId, termId);
        }

        if (ComputeTermBeginPosition(termId, _positionBitsToShift, _initialTermId) + _termLength >= _maxPossiblePosition)
        {
            return PublicationResult.MaxPositionExceeded;
        }

        FrameWriter.Rotate(_log, termCount, termId);
        return PublicationResult.AdminAction;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshLimit(long position)
    {
        _conductor?.DoWork();
        return position < Volatile.Read(ref *_publisherLimit);
    }

    private long BackPressureStatus(long position)
    {
        if (position >= _maxPossiblePosition)
        {
            return PublicationResult.MaxPositionExceeded;
        }

        return Volatile.Read(ref *_log.IsConnected) == 1 ? PublicationResult.BackPressured : PublicationResult.NotConnected;
    }
}
