using System.Buffers.Binary;
using System.Globalization;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// og's counters, and its record on the og status stream (120 bytes little-endian, fourteen i64 then four i32):
/// commands received @0, commands malformed @8, orders sent @16, cancels sent @24, amends sent @32, cancel-alls
/// sent @40, reports published @48, reports dropped (the engine's stream was full or gone) @56, tick-to-trade
/// samples @64, p50 ns @72, p99 ns @80, p99.9 ns @88, max ns @96, open orders at og @104, gateway state @112 (i32),
/// auth failures @116 (i32). Tick-to-trade is measured from md's frame receive time (carried in the command) to the
/// moment og handed the order's bytes to send() (paper) or took the command (dry run).
/// </summary>
public readonly record struct OgStatusRecord(
    long Commands,
    long Malformed,
    long OrdersSent,
    long CancelsSent,
    long AmendsSent,
    long CancelAllsSent,
    long ReportsPublished,
    long ReportsDropped,
    long TickToTradeCount,
    long TickToTradeP50,
    long TickToTradeP99,
    long TickToTradeP999,
    long TickToTradeMax,
    long OpenOrders,
    int GatewayState,
    int AuthFailures)
{
    public const int Length = 120;

    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        Span<long> values =
        [
            Commands, Malformed, OrdersSent, CancelsSent, AmendsSent, CancelAllsSent, ReportsPublished, ReportsDropped,
            TickToTradeCount, TickToTradeP50, TickToTradeP99, TickToTradeP999, TickToTradeMax, OpenOrders,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(r[(i * 8)..], values[i]);
        }

        BinaryPrimitives.WriteInt32LittleEndian(r[112..], GatewayState);
        BinaryPrimitives.WriteInt32LittleEndian(r[116..], AuthFailures);
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes (all zeros before og's first record).</summary>
    public static OgStatusRecord Read(ReadOnlySpan<byte> r)
    {
        return new OgStatusRecord(
            At(r, 0), At(r, 1), At(r, 2), At(r, 3), At(r, 4), At(r, 5), At(r, 6), At(r, 7), At(r, 8), At(r, 9), At(r, 10), At(r, 11), At(r, 12), At(r, 13),
            BinaryPrimitives.ReadInt32LittleEndian(r[112..]), BinaryPrimitives.ReadInt32LittleEndian(r[116..]));
    }

    /// <summary>"t2t p50 12.3 µs p99 45.6 µs (N)" or "t2t -" before the first sample.</summary>
    public string FormatTickToTrade() => TickToTradeCount == 0
        ? "t2t -"
        : string.Create(CultureInfo.InvariantCulture, $"t2t p50 {TickToTradeP50 / 1000.0:F1} µs p99 {TickToTradeP99 / 1000.0:F1} µs ({TickToTradeCount:N0})");

    private static long At(ReadOnlySpan<byte> r, int index) => BinaryPrimitives.ReadInt64LittleEndian(r[(index * 8)..]);
}
