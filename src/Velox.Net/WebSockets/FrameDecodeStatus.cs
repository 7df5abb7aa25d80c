namespace Velox.Net.WebSockets;

/// <summary>Outcome of decoding one frame header. Everything after <see cref="NeedMoreData"/> is a protocol error (1002).</summary>
public enum FrameDecodeStatus : byte
{
    /// <summary>The header is complete and valid.</summary>
    Complete = 0,

    /// <summary>The buffer ends inside the header (or, for a whole-frame decode, inside the payload).</summary>
    NeedMoreData,

    /// <summary>RSV1-3 set although no extension was negotiated.</summary>
    ReservedBitsSet,

    /// <summary>One of the reserved opcodes 0x3-0x7 or 0xB-0xF.</summary>
    UnknownOpcode,

    /// <summary>A control frame without FIN (section 5.5: control frames are never fragmented).</summary>
    FragmentedControlFrame,

    /// <summary>A control frame with more than 125 payload bytes.</summary>
    ControlFrameTooLong,

    /// <summary>A 64-bit length with the most significant bit set.</summary>
    InvalidLength,
}
