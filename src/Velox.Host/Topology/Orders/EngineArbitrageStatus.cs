using System.Buffers.Binary;
using System.Globalization;
using Velox.Strategies.Arbitrage;

namespace Velox.Host.Topology.Orders;

/// <summary>
/// The arbitrage engine's counters on its trading status stream (engine → launcher), 256 bytes little-endian, one i64
/// per field in declaration order (position and PnL as fixed point at <see cref="EngineTradingStatus.ValueScale"/>, flags
/// 0/1), the rest zero.
/// </summary>
public readonly record struct EngineArbitrageStatus
{
    public const int Length = 256;

    private const int Fields = 32;

    public long OrdersSent { get; init; }

    public long Acked { get; init; }

    public long Rejected { get; init; }

    public long Fills { get; init; }

    public long CancelAcks { get; init; }

    public long Expired { get; init; }

    public long RiskRejects { get; init; }

    /// <summary>Commands an og's stream did not take (og not ready, stream full).</summary>
    public long SinkRefusals { get; init; }

    public long OpenOrders { get; init; }

    public long JournalRecords { get; init; }

    /// <summary>New orders sent to the Bitfinex og.</summary>
    public long BitfinexOrders { get; init; }

    /// <summary>New orders sent to the Binance og.</summary>
    public long BinanceOrders { get; init; }

    public long BitfinexFills { get; init; }

    public long BinanceFills { get; init; }

    public long BitfinexPositionRaw { get; init; }

    public long BinancePositionRaw { get; init; }

    /// <summary>Realized plus unrealized PnL of the Bitfinex leg (fixed point).</summary>
    public long BitfinexPnlRaw { get; init; }

    public long BinancePnlRaw { get; init; }

    /// <summary>Realized PnL of both legs (fixed point).</summary>
    public long RealizedPnlRaw { get; init; }

    public long Opportunities { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Recoveries { get; init; }

    /// <summary>Recoveries that ended flat.</summary>
    public long Recovered { get; init; }

    public long UnwindsSent { get; init; }

    /// <summary>Open exposure of the cycle in flight (BTC raw at 8 decimals).</summary>
    public long Exposure { get; init; }

    /// <summary>The strategy's <see cref="ArbitrageState"/>.</summary>
    public long State { get; init; }

    public long BitfinexReportStream { get; init; }

    public long BinanceReportStream { get; init; }

    public bool BitfinexReady { get; init; }

    public bool BinanceReady { get; init; }

    public bool KillSwitch { get; init; }

    public decimal BitfinexPosition => BitfinexPositionRaw / 100_000_000m;

    public decimal BinancePosition => BinancePositionRaw / 100_000_000m;

    public decimal BitfinexPnl => BitfinexPnlRaw / 100_000_000m;

    public decimal BinancePnl => BinancePnlRaw / 100_000_000m;

    public decimal RealizedPnl => RealizedPnlRaw / 100_000_000m;

    public void Write(Span<byte> destination)
    {
        var r = destination[..Length];
        r.Clear();
        Span<long> values =
        [
            OrdersSent, Acked, Rejected, Fills, CancelAcks, Expired, RiskRejects, SinkRefusals, OpenOrders, JournalRecords, BitfinexOrders, BinanceOrders,
            BitfinexFills, BinanceFills, BitfinexPositionRaw, BinancePositionRaw, BitfinexPnlRaw, BinancePnlRaw, RealizedPnlRaw, Opportunities, Completed,
            Failed, Recoveries, Recovered, UnwindsSent, Exposure, State, BitfinexReportStream, BinanceReportStream, BitfinexReady ? 1 : 0,
            BinanceReady ? 1 : 0, KillSwitch ? 1 : 0,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(r[(i * 8)..], values[i]);
        }
    }

    /// <summary>Decodes a record of at least <see cref="Length"/> bytes (all zeros before the engine's first record).</summary>
    public static EngineArbitrageStatus Read(ReadOnlySpan<byte> r)
    {
        Span<long> v = stackalloc long[Fields];
        for (var i = 0; i < Fields; i++)
        {
            v[i] = BinaryPrimitives.ReadInt64LittleEndian(r[(i * 8)..]);
        }

        return new EngineArbitrageStatus
        {
            OrdersSent = v[0],
            Acked = v[1],
            Rejected = v[2],
            Fills = v[3],
            CancelAcks = v[4],
            Expired = v[5],
            RiskRejects = v[6],
            SinkRefusals = v[7],
            OpenOrders = v[8],
            JournalRecords = v[9],
            BitfinexOrders = v[10],
            BinanceOrders = v[11],
            BitfinexFills = v[12],
            BinanceFills = v[13],
            BitfinexPositionRaw = v[14],
            BinancePositionRaw = v[15],
            BitfinexPnlRaw = v[16],
            BinancePnlRaw = v[17],
            RealizedPnlRaw = v[18],
            Opportunities = v[19],
            Completed = v[20],
            Failed = v[21],
            Recoveries = v[22],
            Recovered = v[23],
            UnwindsSent = v[24],
            Exposure = v[25],
            State = v[26],
            BitfinexReportStream = v[27],
            BinanceReportStream = v[28],
            BitfinexReady = v[29] == 1,
            BinanceReady = v[30] == 1,
            KillSwitch = v[31] == 1,
        };
    }

    /// <summary>The status line's trading part.</summary>
    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"arb {(ArbitrageState)State}, orders bitfinex {BitfinexOrders:N0} binance {BinanceOrders:N0} ({Acked:N0} acked {Rejected:N0} rejected {Expired:N0} expired), fills bitfinex {BitfinexFills:N0} binance {BinanceFills:N0}, position bitfinex {BitfinexPosition:+0.########;-0.########;0} binance {BinancePosition:+0.########;-0.########;0} BTC, pnl {BitfinexPnl + BinancePnl:F2} (realized {RealizedPnl:F2}), opportunities {Opportunities:N0} completed {Completed:N0} failed {Failed:N0} recovering {Recoveries:N0} recovered {Recovered:N0}{(BitfinexReady ? string.Empty : ", bitfinex og not ready")}{(BinanceReady ? string.Empty : ", binance og not ready")}{(KillSwitch ? ", KILL SWITCH" : string.Empty)}");
}
