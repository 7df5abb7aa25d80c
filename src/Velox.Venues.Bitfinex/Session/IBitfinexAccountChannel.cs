using Velox.MarketData.Outbound;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Trading.Parsing;

namespace Velox.Venues.Bitfinex.Session;

/// <summary>
/// The authenticated side of a connection (chanId 0: orders, trades, wallets, notifications), attached
/// to a <see cref="BitfinexMarketDataSession"/> so that order entry shares the market-data socket.
/// The session routes auth events and channel-0 frames here after checking their SEQ_ALL number.
/// </summary>
public interface IBitfinexAccountChannel
{
    /// <summary>A new connection is open: queue the auth request (it goes out right after conf).</summary>
    void OnConnected(OutboundQueue outbound);

    /// <summary>The connection is gone: nothing may be sent until the next auth succeeds.</summary>
    void OnDisconnected();

    /// <summary>The server's answer to the auth request.</summary>
    void OnAuthEvent(in BitfinexEvent authEvent);

    /// <summary>One channel-0 frame, already split.</summary>
    void OnAccountFrame(in AccountFrame frame, long receiveNanos);

    /// <summary>The connector's turn: applies work finished off its thread (a REST reconciliation). Returns work done; must not allocate when idle.</summary>
    int Poll();
}
