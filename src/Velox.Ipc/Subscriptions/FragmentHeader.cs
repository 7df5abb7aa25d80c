using Velox.Ipc.LogBuffers;

namespace Velox.Ipc.Subscriptions;

/// <summary>Flyweight over the 32-byte header of the fragment being delivered; valid only during the callback.</summary>
public readonly unsafe struct FragmentHeader
{
    private readonly byte* _frame;

    internal FragmentHeader(byte* frame, long position)
    {
        _frame = frame;
        Position = position;
    }

    /// <summary>Stream position just after this fragment.</summary>
    public long Position { get; }

    public int FrameLength => *(int*)(_frame + DataHeader.FrameLengthOffset);

    /// <summary>BEGIN 0x80 / END 0x40 bits.</summary>
    public byte Flags => *(_frame + DataHeader.FlagsOffset);

    public int TermOffset => *(int*)(_frame + DataHeader.TermOffsetOffset);

    public int SessionId => *(int*)(_frame + DataHeader.SessionIdOffset);

    public int StreamId => *(int*)(_frame + DataHeader.StreamIdOffset);

    public int TermId => *(int*)(_frame + DataHeader.TermIdOffset);

    public long ReservedValue => *(long*)(_frame + DataHeader.ReservedValueOffset);

    public bool IsBegin => (Flags & DataHeader.BeginFlag) != 0;

    public bool IsEnd => (Flags & DataHeader.EndFlag) != 0;
}
