namespace Velox.Venues.Mexc.Protobuf;

/// <summary>Protocol Buffers wire types (the low three bits of a field key).</summary>
public enum WireType : byte
{
    /// <summary>int32, int64, uint, bool, enum, sint (zigzag).</summary>
    Varint = 0,

    /// <summary>fixed64, sfixed64, double.</summary>
    Fixed64 = 1,

    /// <summary>string, bytes, embedded messages, packed repeated fields.</summary>
    LengthDelimited = 2,

    /// <summary>Deprecated group start: never sent by proto3 encoders; rejected.</summary>
    StartGroup = 3,

    /// <summary>Deprecated group end: rejected.</summary>
    EndGroup = 4,

    /// <summary>fixed32, sfixed32, float.</summary>
    Fixed32 = 5,
}
