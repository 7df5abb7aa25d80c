using Velox.Core.Numerics;

namespace Velox.Trading.Oms;

/// <summary>
/// A venue's report about one of our orders, normalized. For fills, <see cref="Price"/>/<see cref="Quantity"/>
/// are the last fill's; for replace acks, the order's new price/quantity (zero: take the amend's).
/// <see cref="Fee"/> is in the quote currency at <see cref="FeeScale"/>; negative is a rebate.
/// </summary>
public readonly record struct ExecutionReport(
    ExecType Type,
    long ClientOrderId,
    long VenueOrderId = 0,
    long FillId = 0,
    Price Price = default,
    Quantity Quantity = default,
    long Fee = 0,
    Liquidity Liquidity = Liquidity.Unknown,
    ushort RejectCode = 0)
{
    /// <summary>Decimal places of <see cref="Fee"/> (10^-8 of the quote currency).</summary>
    public const int FeeScale = 8;

    public static ExecutionReport Ack(long clientOrderId, long venueOrderId = 0) => new(ExecType.Ack, clientOrderId, venueOrderId);

    public static ExecutionReport Reject(long clientOrderId, ushort code = 0) => new(ExecType.Reject, clientOrderId, RejectCode: code);

    public static ExecutionReport Fill(long clientOrderId, long fillId, Price price, Quantity quantity, long fee = 0, Liquidity liquidity = Liquidity.Unknown) =>
        new(ExecType.Fill, clientOrderId, 0, fillId, price, quantity, fee, liquidity);

    public static ExecutionReport CancelAck(long clientOrderId) => new(ExecType.CancelAck, clientOrderId);

    public static ExecutionReport CancelReject(long clientOrderId, ushort code = 0) => new(ExecType.CancelReject, clientOrderId, RejectCode: code);

    public static ExecutionReport ReplaceAck(long clientOrderId, Price price = default, Quantity quantity = default) =>
        new(ExecType.ReplaceAck, clientOrderId, Price: price, Quantity: quantity);

    public static ExecutionReport ReplaceReject(long clientOrderId, ushort code = 0) => new(ExecType.ReplaceReject, clientOrderId, RejectCode: code);

    public static ExecutionReport Expire(long clientOrderId) => new(ExecType.Expire, clientOrderId);
}
