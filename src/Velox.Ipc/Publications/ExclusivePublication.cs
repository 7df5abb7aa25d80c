using System.Runtime.CompilerServices;
using Velox.Ipc.LogBuffers;
using static Velox.Ipc.LogBuffers.LogBufferDescriptor;

namespace Velox.Ipc.Publications;

/// <summary>
/// Single-writer publication (one thread). Keeps term id/offset locally; per frame it release-stores the
/// advanced raw tail, writes the header with a negative length, the payload, then release-stores the
/// positive length. Returns the new position or a negative <see cref="PublicationResult"/> code.
/// </summary>
public sealed unsafe class ExclusivePublication : IDisposable
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
    private int _termId;
    private int _termOffset;
    private int _termCount;
    private int _partitionIndex;
    private long _termBeginPosition;
    private byte* _termBuffer;
    private long* _tailCounter;
    private long _streamAndTermId;
    private bool _closed;

    /// <summary>A publication over a mapped log and a limit counter; <paramref name="conductor"/> may be null when another agent drives the log.</summary>
    public ExclusivePublication(MappedLog log, long* publisherLimit, LogConductor? conductor, Action? onClose = null)
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
        _termCount = Volatile.Read(ref *log.ActiveTermCount);
        _partitionIndex = IndexByTermCount(_termCount);
        var rawTail = Volatile.Read(ref *log.TailCounter(_partitionIndex));
        _termId = TermId(rawTail);
        _termOffset = TermOffset(rawTail, _termLength);
        _termBeginPosition = ComputeTermBeginPosition(_termId, _positionBitsToShift, _initialTermId);
        OnTermChanged();
    }

    public MappedLog Log => _log;

    public int SessionId => _sessionId;

    public int StreamId => _streamId;

    /// <summary>Largest payload that fits one frame (MTU − 32); bigger messages are fragmented.</summary>
    public int MaxPayloadLength { get; }

    /// <summary>min(termLength / 8, 16 MiB).</summary>
    public int MaxMessageLength { get; }

    /// <summary>Position after the last frame written.</summary>
    public long Position => _termBeginPosition + _termOffset;

    /// <summary>Current publisher limit (acquire).</summary>
    public long PositionLimit => Volatile.Read(ref *_publisherLimit);

    /// <summary>True while at least one subscriber is connected.</summary>
    public bool IsConnected => Volatile.Read(ref *_log.IsConnected) == 1;

    public bool IsClosed => _closed;

    /// <summary>The publisher's driver duty cycle; call it from the publishing agent's loop.</summary>
    public int DoWork() => _conductor?.DoWork() ?? 0;

    /// <summary>Copies the message into the log; new position, or a negative <see cref="PublicationResult"/>.</summary>
    public long Offer(ReadOnlySpan<byte> message)
    {
        if (_closed)
        {
            return PublicationResult.Closed;
        }

        var position = _termBeginPosition + _termOffset;
        if (position >= Volatile.Read(ref *_publisherLimit) && !RefreshLimit(position))
        {
            return BackPressureStatus(position);
        }

        if (message.Length > MaxPayloadLength)
        {
            return OfferFragmented(message);
        }

        var frameLength = message.Length + DataHeader.Length;
        var termOffset = _termOffset;
        var resultingOffset = termOffset + DataHeader.Align(frameLength);
        if (resultingOffset > _termLength)
        {
            return HandleEndOfTerm(termOffset);
        }

        // The tail first: the conductor samples it as the producer position.
        Volatile.Write(ref *_tailCounter, PackTail(_termId, resultingOffset));
        var frame = _termBuffer + termOffset;
        WriteClaimedHeader(frame, frameLength, termOffset);
        FrameWriter.CopyPayload(frame + DataHeader.Length, message);
        FrameWriter.Publish(frame, frameLength);
        _termOffset = resultingOffset;
        return _termBeginPosition + resultingOffset;
    }

    /// <summary>
    /// Reserves a frame of <paramref name="length"/> payload bytes (at most <see cref="MaxPayloadLength"/>) for
    /// encoding in place; readers cannot see it until <see cref="BufferClaim.Commit"/>.
    /// </summary>
    public long TryClaim(int length, out BufferClaim claim)
    {
        claim = default;
        if ((uint)length > (uint)MaxPayloadLength)
        {
            PublicationThrow.ClaimTooLong(length, MaxPayloadLength);
        }

        if (_closed)
        {
            return PublicationResult.Closed;
        }

        var position = _termBeginPosition + _termOffset;
        if (position >= Volatile.Read(ref *_publisherLimit) && !RefreshLimit(position))
        {
            return BackPressureStatus(position);
        }

        var frameLength = length + DataHeader.Length;
        var termOffset = _termOffset;
        var resultingOffset = termOffset + DataHeader.Align(frameLength);
        if (resultingOffset > _termLength)
        {
            return HandleEndOfTerm(termOffset);
        }

        Volatile.Write(ref *_tailCounter, PackTail(_termId, resultingOffset));
        var frame = _termBuffer + termOffset;
        WriteClaimedHeader(frame, frameLength, termOffset);
        claim = new BufferClaim(frame, frameLength);
        _termOffset = resultingOffset;
        return _termBeginPosition + resultingOffset;
    }

    /// <summary>Closes the publication: the stream ends at <see cref="Position"/> once no other publication shares the log.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _conductor?.OnPublicationClosed(Position);
        _onClose?.Invoke();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long OfferFragmented(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageLength)
        {
            PublicationThrow.MessageTooLong(message.Length, MaxMessageLength);
        }

        var required = FrameWriter.FragmentedLength(message.Length, MaxPayloadLength);
        var termOffset = _termOffset;
        var resultingOffset = termOffset + required;
        if (resultingOffset > _termLength)
        {
            return HandleEndOfTerm(termOffset);
        }

        Volatile.Write(ref *_log.TailCounter(_partitionIndex), PackTail(_termId, resultingOffset));
        FrameWriter.WriteFragmented(_log.Term(_partitionIndex), termOffset, message, MaxPayloadLength, _sessionId, _streamId, _termId);
        _termOffset = resultingOffset;
        return _termBeginPosition + resultingOffset;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long HandleEndOfTerm(int termOffset)
    {
        Volatile.Write(ref *_log.TailCounter(_partitionIndex), PackTail(_termId, _termLength));
        if (termOffset < _termLength)
        {
            FrameWriter.WritePadding(_log.Term(_partitionIndex), termOffset, _termLength - termOffset, _sessionId, _streamId, _termId);
        }

        if (_termBeginPosition + _termLength >= _maxPossiblePosition)
        {
            _termOffset = _termLength;
            return PublicationResult.MaxPositionExceeded;
        }

        FrameWriter.Rotate(_log, _termCount, _termId);
        _termCount++;
        _termId = unchecked(_termId + 1);
        _termOffset = 0;
        _partitionIndex = IndexByTermCount(_termCount);
        _termBeginPosition += _termLength;
        OnTermChanged();
        return PublicationResult.AdminAction;
    }

    private void OnTermChanged()
    {
        _termBuffer = _log.Term(_partitionIndex);
        _tailCounter = _log.TailCounter(_partitionIndex);
        _streamAndTermId = (uint)_streamId | ((long)_termId << 32);
    }

    /// <summary>
    /// The unfragmented DATA header in four 8-byte stores: {−length, version, flags, type} first (release, so a
    /// reader never sees a length without its type), then {term offset, session id}, {stream id, term id}, reserved 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteClaimedHeader(byte* frame, int frameLength, int termOffset)
    {
        const long FlagsAndType = ((long)DataHeader.UnfragmentedFlags << 40) | ((long)DataHeader.TypeData << 48);
        Volatile.Write(ref *(long*)frame, (uint)-frameLength | FlagsAndType);
        *(long*)(frame + DataHeader.TermOffsetOffset) = (uint)termOffset | ((long)_sessionId << 32);
        *(long*)(frame + DataHeader.StreamIdOffset) = _streamAndTermId;
        *(long*)(frame + DataHeader.ReservedValueOffset) = 0;
    }

    /// <summary>At the limit: run a duty cycle (the limit may be stale) and report whether there is room now.</summary>
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
