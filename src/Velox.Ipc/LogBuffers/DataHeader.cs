using System.Runtime.CompilerServices;

namespace Velox.Ipc.LogBuffers;

/// <summary>The 32-byte data frame header (Aeron layout) and frame alignment rules.</summary>
public static class DataHeader
{
    /// <summary>Header length; also the alignment of every frame.</summary>
    public const int Length = 32;

    public const int FrameAlignment = 32;

    /// <summary>i32 header + payload length, unaligned; 0 = not written, negative = claimed in progress.</summary>
    public const int FrameLengthOffset = 0;

    public const int VersionOffset = 4;

    public const int FlagsOffset = 5;

    public const int TypeOffset = 6;

    public const int TermOffsetOffset = 8;

    public const int SessionIdOffset = 12;

    public const int StreamIdOffset = 16;

    public const int TermIdOffset = 20;

    public const int ReservedValueOffset = 24;

    public const byte CurrentVersion = 0;

    public const short TypePad = 0;

    public const short TypeData = 1;

    public const byte BeginFlag = 0x80;

    public const byte EndFlag = 0x40;

    public const byte EosFlag = 0x20;

    /// <summary>BEGIN | END: a message in a single frame.</summary>
    public const byte UnfragmentedFlags = BeginFlag | EndFlag;

    /// <summary>Rounds a frame length up to the 32-byte frame alignment.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Align(int length) => (length + (FrameAlignment - 1)) & ~(FrameAlignment - 1);
}
