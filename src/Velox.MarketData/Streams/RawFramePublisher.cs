using Velox.Ipc.Publications;

namespace Velox.MarketData.Streams;

/// <summary>
/// Publishes inbound frames to the raw stream as <see cref="RawFrameHeader"/> + frame bytes. Frames that fit one
/// IPC frame are written in place into a claim; larger ones (book snapshots) are staged in a preallocated buffer
/// and offered fragmented, as are REST responses (<see cref="RawFrameHeader.RestResponseFlag"/>). Never waits: a
/// message that cannot be published is counted in <see cref="Dropped"/>.
/// </summary>
public sealed class RawFramePublisher : IRawFrameSink
{
    private readonly ExclusivePublication _publication;
    private readonly short _venueId;
    private readonly byte[] _staging;

    public RawFramePublisher(ExclusivePublication publication, short venueId)
    {
        ArgumentNullException.ThrowIfNull(publication);
        _publication = publication;
        _venueId = venueId;
        _staging = new byte[publication.MaxMessageLength];
    }

    /// <summary>Messages (frames and REST responses) committed to the stream.</summary>
    public long Published { get; private set; }

    /// <summary>Messages not published (not connected, back-pressured, closed, or longer than a message can be).</summary>
    public long Dropped { get; private set; }

    public void OnRawFrame(ReadOnlySpan<byte> frame, bool isText, long receiveNanos, int connectionId, bool connectionStart)
    {
        var flags = (ushort)((isText ? 0 : RawFrameHeader.BinaryFlag) | (connectionStart ? RawFrameHeader.ConnectionStartFlag : 0));
        var length = RawFrameHeader.Length + frame.Length;
        long result;
        if (length <= _publication.MaxPayloadLength)
        {
            result = Claim(length, out var claim);
            if (result > 0)
            {
                var buffer = claim.Buffer;
                RawFrameHeader.Write(buffer, receiveNanos, connectionId, _venueId, flags);
                frame.CopyTo(buffer[RawFrameHeader.Length..]);
                claim.Commit();
            }
        }
        else if (length <= _staging.Length)
        {
            RawFrameHeader.Write(_staging, receiveNanos, connectionId, _venueId, flags);
            frame.CopyTo(_staging.AsSpan(RawFrameHeader.Length));
            result = OfferStaged(length);
        }
        else
        {
            result = PublicationResult.MaxPositionExceeded;
        }

        Count(result);
    }

    /// <summary>Publishes a REST response as a <see cref="RawFrameHeader.RestResponseFlag"/> message (cold path: staged, then offered).</summary>
    public void OnRestResponse(ReadOnlySpan<byte> request, ReadOnlySpan<byte> body, long receiveNanos, int connectionId, bool connectionStart)
    {
        var flags = (ushort)(RawFrameHeader.RestResponseFlag | (connectionStart ? RawFrameHeader.ConnectionStartFlag : 0));
        var length = RawFrameHeader.Length + request.Length + 1 + body.Length;
        var result = PublicationResult.MaxPositionExceeded;
        if (length <= _staging.Length && request.IndexOf(RawFrameHeader.RestRequestTerminator) < 0)
        {
            RawFrameHeader.Write(_staging, receiveNanos, connectionId, _venueId, flags);
            request.CopyTo(_staging.AsSpan(RawFrameHeader.Length));
            _staging[RawFrameHeader.Length + request.Length] = RawFrameHeader.RestRequestTerminator;
            body.CopyTo(_staging.AsSpan(RawFrameHeader.Length + request.Length + 1));
            result = OfferStaged(length);
        }

        Count(result);
    }

    private long OfferStaged(int length)
    {
        var result = _publication.Offer(_staging.AsSpan(0, length));

        // The term was rotated by this call; the next term has room for the message.
        return result == PublicationResult.AdminAction ? _publication.Offer(_staging.AsSpan(0, length)) : result;
    }

    private void Count(long result)
    {
        if (result > 0)
        {
            Published++;
        }
        else
        {
            Dropped++;
        }
    }

    private long Claim(int length, out BufferClaim claim)
    {
        var result = _publication.TryClaim(length, out claim);

        // The term was rotated by this call; the next term has room for the frame.
        return result == PublicationResult.AdminAction ? _publication.TryClaim(length, out claim) : result;
    }
}
