using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.Binance.Session;

namespace Velox.Venues.Binance.Connection;

/// <summary>
/// Drives one Binance WebSocket: connects (the session then queues its SUBSCRIBEs), feeds every frame
/// to the <see cref="BinanceMarketDataSession"/>, sends what it queues, fetches the REST depth snapshots
/// it asks for (one at a time, through an <see cref="ISnapshotClient"/>, off-thread) and hands them back,
/// and reconnects with backoff when the socket drops. Agent-style: the owner calls <see cref="VenueConnector{TMarketData, TSession}.DoWork"/>
/// on one thread; nothing blocks except a connect attempt.
/// </summary>
public sealed class BinanceConnector<TMarketData> : RestSnapshotConnector<TMarketData, BinanceSessionPort<TMarketData>, BinanceSymbol>
    where TMarketData : struct, IMarketDataHandler
{
    public BinanceConnector(
        Uri endpoint, BinanceMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new BinanceSessionPort<TMarketData>(session), snapshots, marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public BinanceMarketDataSession Session { get; }

    protected override bool TryTakeSnapshotRequest(out BinanceSymbol book, out string path, out int weight)
    {
        path = string.Empty;
        weight = 0;
        if (!Session.TryTakeSnapshotRequest(out book))
        {
            return false;
        }

        path = Session.SnapshotPath(book);
        weight = Session.SnapshotWeight;
        return true;
    }

    protected override void ApplySnapshot(BinanceSymbol book, byte[] body, long receiveNanos) =>
        Session.ApplySnapshot(book, body, Session.SnapshotDepth, receiveNanos, ref MarketData);

    protected override void SnapshotFailed(BinanceSymbol book) => book.Depth?.SnapshotFailed();

    protected override string SnapshotName(BinanceSymbol book) => book.Instrument.Symbol;
}
