using System.Buffers.Binary;
using Velox.Core.Instruments;

namespace Velox.MarketData.Streams;

/// <summary>
/// The first four bytes of every record on the market-data event stream, little-endian: message type u16 @0,
/// instrument id u16 @2. Each record type has a fixed length so a reader can check it before decoding.
/// </summary>
public static class MarketDataHeader
{
    public const int TypeOffset = 0;
    public const int InstrumentOffset = 2;

    /// <summary>Header length; type-specific fields start here.</summary>
    public const int Length = 4;

    /// <summary>Writes the common header.</summary>
    public static void Write(Span<byte> destination, MarketDataMessageType type, InstrumentId instrument)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination[TypeOffset..], (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[InstrumentOffset..], instrument.Value);
    }

    /// <summary>The record type, or <see cref="MarketDataMessageType.None"/> when the message is shorter than the header.</summary>
    public static MarketDataMessageType Type(ReadOnlySpan<byte> message) =>
        message.Length < Length ? MarketDataMessageType.None : (MarketDataMessageType)BinaryPrimitives.ReadUInt16LittleEndian(message[TypeOffset..]);

    public static InstrumentId Instrument(ReadOnlySpan<byte> message) => new(BinaryPrimitives.ReadUInt16LittleEndian(message[InstrumentOffset..]));
}
