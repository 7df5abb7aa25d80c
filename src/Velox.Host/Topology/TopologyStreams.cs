namespace Velox.Host.Topology;

/// <summary>Default IPC stream ids of the multi-process topology; every role takes them as options.</summary>
public static class TopologyStreams
{
    /// <summary>Normalized market-data events (md → engine).</summary>
    public const int MarketData = 10;

    /// <summary>Raw inbound venue frames (md → archiver); see RawFrameHeader.</summary>
    public const int RawFrames = 11;

    /// <summary>Order commands (engine → og); see OrderCommand.</summary>
    public const int Orders = 12;

    /// <summary>Execution reports and og's readiness (og → engine); see ExecutionReportRecord, GatewayStateRecord.</summary>
    public const int Reports = 13;

    /// <summary>Order commands to the Binance og (engine → og; the arbitrage); see OrderCommand.</summary>
    public const int BinanceOrders = 14;

    /// <summary>Execution reports and readiness of the Binance og (og → engine; the arbitrage).</summary>
    public const int BinanceReports = 15;

    /// <summary>md's status record, four times a second (md → launcher).</summary>
    public const int MdStatus = 20;

    /// <summary>engine's status record, four times a second (engine → launcher).</summary>
    public const int EngineStatus = 21;

    /// <summary>og's status record, four times a second (og → launcher); see OgStatusRecord.</summary>
    public const int OgStatus = 22;

    /// <summary>The trading engine's counters, four times a second (engine → launcher); see EngineTradingStatus.</summary>
    public const int EngineTrading = 23;

    /// <summary>The Binance og's status record, four times a second (og → launcher; the arbitrage).</summary>
    public const int BinanceOgStatus = 24;

    /// <summary>Venue id written into <c>RawFrameHeader</c> for Bitfinex frames (and md's Bitfinex <c>BatchEndRecord</c>s).</summary>
    public const short BitfinexVenueId = 1;

    /// <summary>Venue id of md's Binance connector (in its <c>RawFrameHeader</c>s, frames and REST snapshots, and <c>BatchEndRecord</c>s).</summary>
    public const short BinanceVenueId = 2;

    /// <summary>How often md and engine publish their status record (ms).</summary>
    public const int StatusIntervalMillis = 250;
}
