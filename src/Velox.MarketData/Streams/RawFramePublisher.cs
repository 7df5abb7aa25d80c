using Velox.Ipc.Publications;

namespace Velox.MarketData.Streams;

/// <summary>
/// Publishes inbound frames to the raw stream as <see cref="RawFrameHeader"/> + frame bytes. Frames that fit one
/// IPC frame are written in place into a claim; larger ones (book snapshots) are staged in a preallocated buffer
/// and offered fragmented. Never waits: a frame that cannot be published is counted in <see cref="Dropped"/>.
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

    /// <summary>Frames committed to the stream.</summary>
    public long Published { get; private set; }

    /// <summary>Frames not published (not connected, back-pressured, closed, or longer than a message can be).</summary>
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
            result = _publication.Offer(_staging.AsSpan(0, length));
            if (result == PublicationResult.AdminAction)
            {
                result = _publication.Offer(_staging.AsSpan(0, length));
            }
        }
        else
        {
            result = PublicationResult.MaxPositionExceeded;
        }

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
