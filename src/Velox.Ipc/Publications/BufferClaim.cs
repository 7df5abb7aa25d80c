using Velox.Ipc.LogBuffers;

namespace Velox.Ipc.Publications;

/// <summary>
/// A frame reserved by TryClaim (its length field is still negative, so readers stop before it).
/// Encode into <see cref="Buffer"/>, then <see cref="Commit"/> or <see cref="Abort"/> exactly once.
/// </summary>
public unsafe struct BufferClaim
{
    private byte* _frame;
    private readonly int _frameLength;

    internal BufferClaim(byte* frame, int frameLength)
    {
        _frame = frame;
        _frameLength = frameLength;
    }

    /// <summary>The claimed payload bytes, in place in the log.</summary>
    public readonly Span<byte> Buffer => new(_frame + DataHeader.Length, _frameLength - DataHeader.Length);

    public readonly int Length => _frameLength - DataHeader.Length;

    /// <summary>Application value carried in the header's reserved field.</summary>
    public readonly long ReservedValue
    {
        set => *(long*)(_frame + DataHeader.ReservedValueOffset) = value;
    }

    /// <summary>Publishes the frame: release-store of the positive length after the payload writes.</summary>
    public void Commit()
    {
        Volatile.Write(ref *(int*)(_frame + DataHeader.FrameLengthOffset), _frameLength);
        _frame = null;
    }

    /// <summary>Turns the frame into padding that readers skip.</summary>
    public void Abort()
    {
        *(short*)(_frame + DataHeader.TypeOffset) = DataHeader.TypePad;
        Volatile.Write(ref *(int*)(_frame + DataHeader.FrameLengthOffset), _frameLength);
        _frame = null;
    }
}
