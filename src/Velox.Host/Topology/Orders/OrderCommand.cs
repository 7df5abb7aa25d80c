using System.Buffers.Binary;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// One order command on the engine → og stream, and its fixed 48-byte little-endian record: type u8 @0, side u8 @1,
/// order type u8 @2, time in force u8 @3, flags u8 @4, instrument id u16 @6, client order id i64 @8, price raw i64
/// @16, quantity raw i64 @24, tick receive ns i64 @32 (the monotonic time md's socket read returned the frame the
/// decision was made on; 0 when the command did not come from a market-data decision), engine send ns i64 @40.
/// Price and quantity are at the instrument's scales. Encoding and decoding allocate nothing.
/// </summary>
public readonly record struct OrderCommand(
    OrderCommandType Type,
    long ClientOrderId,
    InstrumentId Instrument,
    Side Side = default,
    OrderType OrderType = default,
    TimeInForce TimeInForce = default,
    OrderFlags Flags = OrderFlags.None,
    Price Price = default,
    Quantity Quantity = default,
    long TickReceiveNanos = 0,
    long SentNanos = 0)
{
    public const int TypeOffset = 0;
    public const int SideOffset = 1;
    public const int OrderTypeOffset = 2;
    public const int TimeInForceOffset = 3;
    public const int FlagsOffset = 4;
    public const int InstrumentOffset = 6;
    public const int ClientOrderIdOffset = 8;
    public const int PriceOffset = 16;
    public const int QuantityOffset = 24;
    public const int TickReceiveNanosOffset = 32;
    public const int SentNanosOffset = 40;

    /// <summary>Record length.</summary>
    public const int Length = 48;

    /// <summary>A new order (the OMS's accepted request) under <paramref name="clientOrderId"/>.</summary>
    public static OrderCommand New(long clientOrderId, in OrderRequest order, long tickReceiveNanos, long sentNanos) => new(
        OrderCommandType.New, clientOrderId, order.Instrument, order.Side, order.Type, order.TimeInForce, order.Flags, order.Price, order.Quantity,
        tickReceiveNanos, sentNanos);

    /// <summary>The order request a <see cref="OrderCommandType.New"/> command carries.</summary>
    public OrderRequest Request => new(Instrument, Side, OrderType, TimeInForce, Price, Quantity, Flags);

    /// <summary>Encodes the command into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        r[TypeOffset] = (byte)Type;
        r[SideOffset] = (byte)Side;
        r[OrderTypeOffset] = (byte)OrderType;
        r[TimeInForceOffset] = (byte)TimeInForce;
        r[FlagsOffset] = (byte)Flags;
        r[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(r[InstrumentOffset..], Instrument.Value);
        BinaryPrimitives.WriteInt64LittleEndian(r[ClientOrderIdOffset..], ClientOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(r[PriceOffset..], Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(r[QuantityOffset..], Quantity.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(r[TickReceiveNanosOffset..], TickReceiveNanos);
        BinaryPrimitives.WriteInt64LittleEndian(r[SentNanosOffset..], SentNanos);
    }

    /// <summary>Decodes a record; false when it is shorter than <see cref="Length"/> or its type or enums are unknown.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out OrderCommand command)
    {
        command = default;
        if (message.Length < Length)
        {
            return false;
        }

        var r = message[..Length];
        var type = (OrderCommandType)r[TypeOffset];
        var side = (Side)r[SideOffset];
        var orderType = (OrderType)r[OrderTypeOffset];
        var timeInForce = (TimeInForce)r[TimeInForceOffset];
        if (type is < OrderCommandType.New or > OrderCommandType.CancelAll || side > Side.Ask || orderType > OrderType.PostOnly
            || timeInForce > TimeInForce.FillOrKill || r[FlagsOffset] > (byte)OrderFlags.ReduceOnly)
        {
            return false;
        }

        command = new OrderCommand(
            type,
            BinaryPrimitives.ReadInt64LittleEndian(r[ClientOrderIdOffset..]),
            new InstrumentId(BinaryPrimitives.ReadUInt16LittleEndian(r[InstrumentOffset..])),
            side,
            orderType,
            timeInForce,
            (OrderFlags)r[FlagsOffset],
            new Price(BinaryPrimitives.ReadInt64LittleEndian(r[PriceOffset..])),
            new Quantity(BinaryPrimitives.ReadInt64LittleEndian(r[QuantityOffset..])),
            BinaryPrimitives.ReadInt64LittleEndian(r[TickReceiveNanosOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(r[SentNanosOffset..]));
        return true;
    }
}
