using Velox.Core.Time;
using Velox.MarketData.Events;
using Velox.MarketData.Feeds;
using Velox.MarketData.Rest;
using Velox.Net.Reconnect;
using Velox.Net.WebSockets;
using Velox.Venues.GateIo.Session;

namespace Velox.Venues.GateIo.Connection;

/// <summary>
/// Drives one Gate.io v4 spot WebSocket for a <see cref="GateIoMarketDataSession"/>: connect, feed frames, send the
/// subscribes it queues, fetch the REST order books (<c>with_id=true</c>) it asks for and hand them back, reconnect
/// with backoff (see <see cref="RestSnapshotConnector{TMarketData, TSession, TBook}"/>).
/// </summary>
public sealed class GateIoConnector<TMarketData> : RestSnapshotConnector<TMarketData, GateIoSessionPort<TMarketData>, GateIoPair>
    where TMarketData : struct, IMarketDataHandler
{
    /// <summary>Rate-limit weight of one order-book request (Gate.io counts requests, not weights).</summary>
    public const int SnapshotWeight = 1;

    public GateIoConnector(
        Uri endpoint, GateIoMarketDataSession session, ISnapshotClient snapshots, TMarketData marketData, ReconnectPolicy reconnect,
        WebSocketClientOptions? socketOptions = null, IClock? clock = null)
        : base(endpoint, new GateIoSessionPort<TMarketData>(session), snapshots, marketData, reconnect, socketOptions, clock)
    {
        Session = session;
    }

    public GateIoMarketDataSession Session { get; }

    protected override bool TryTakeSnapshotRequest(out GateIoPair book, out string path, out int weight)
    {
        weight = SnapshotWeight;
        path = string.Empty;
        if (!Session.TryTakeSnapshotRequest(out book))
        {
            return false;
        }

        path = Session.SnapshotPath(book);
        return true;
    }

    protected override void ApplySnapshot(GateIoPair book, byte[] body, long receiveNanos) =>
        Session.ApplySnapshot(book, body, Session.SnapshotDepth, receiveNanos, ref MarketData);

    protected override void SnapshotFailed(GateIoPair book) => book.Book?.SnapshotFailed();

    protected override string SnapshotName(GateIoPair book) => book.Instrument.Symbol;
}
