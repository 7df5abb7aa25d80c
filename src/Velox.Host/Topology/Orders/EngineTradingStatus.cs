using System.Buffers.Binary;
using System.Globalization;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The trading engine's counters on its trading status stream (engine → launcher), 128 bytes little-endian, i64
/// each: orders sent @0, acked @8, rejected @16, fills @24, cancel acks @32, expired @40, risk rejections @48, sink
/// refusals (og not ready or its stream full) @56, open orders @64, position @72, realized PnL @80, unrealized PnL
/// @88 (these three as fixed point at <see cref="ValueScale"/>), journal records @96, report stream status @104,
/// og ready @112 (0/1), kill switch @120 (0/1).
/// </summary>
public readonly record struct EngineTradingStatus(
    long OrdersSent,
    long Acked,
    long Rejected,
    long Fills,
    long CancelAcks,
    long Expired,
    long RiskRejects,
    long SinkRefusals,
    long OpenOrders,
    long PositionRaw,
    long RealizedPnlRaw,
    long UnrealizedPnlRaw,
    long JournalRecords,
    long ReportStream,
    bool OgReady,
    bool KillSwitch)
{
    /// <summary>Decimal places of position and PnL in the record.</summary>
    public const int ValueScale = 8;

    public const int Length = 128;

    public decimal Position => PositionRaw / 100_000_000m;

    public decimal RealizedPnl => RealizedPnlRaw / 100_000_000m;

    public decimal UnrealizedPnl => UnrealizedPnlRaw / 100_000_000m;

    /// <summary>Fixed point at <see cref="ValueScale"/> (saturating).</summary>
    public static long ToRaw(decimal value)
    {
        var scaled = decimal.Round(value * 100_000_000m);
        return scaled >= long.MaxValue ? long.MaxValue : scaled <= long.MinValue ? long.MinValue : (long)scaled;
    }

    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        Span<long> values =
        [
            OrdersSent, Acked, Rejected, Fills, CancelAcks, Expired, RiskRejects, SinkRefusals, OpenOrders, PositionRaw, RealizedPnlRaw,
            UnrealizedPnlRaw, JournalRecords, ReportStream, OgReady ? 1 : 0, KillSwitch ? 1 : 0,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(r[(i * 8)..], values[i]);
        }
    }

    public static EngineTradingStatus Read(ReadOnlySpan<byte> r)
    {
        return new EngineTradingStatus(
            At(r, 0), At(r, 1), At(r, 2), At(r, 3), At(r, 4), At(r, 5), At(r, 6), At(r, 7), At(r, 8), At(r, 9), At(r, 10), At(r, 11), At(r, 12), At(r, 13), At(r, 14) == 1, At(r, 15) == 1);
    }

    /// <summary>The status line's trading part.</summary>
    public string Format(string baseCurrency, string quoteCurrency) => string.Create(
        CultureInfo.InvariantCulture,
        $"orders {OrdersSent:N0} sent {Acked:N0} acked {Rejected:N0} rejected, fills {Fills:N0}, open {OpenOrders}, position {Position:0.########} {baseCurrency}, pnl {RealizedPnl:F2}/{UnrealizedPnl:F2} {quoteCurrency}, risk rejections {RiskRejects:N0}{(OgReady ? string.Empty : ", og not ready")}{(KillSwitch ? ", KILL SWITCH" : string.Empty)}");

    private static long At(ReadOnlySpan<byte> r, int index) => BinaryPrimitives.ReadInt64LittleEndian(r[(index * 8)..]);
}
