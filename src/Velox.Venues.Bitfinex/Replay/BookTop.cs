using Velox.MarketData.Sync;
using Velox.Venues.Bitfinex.Channels;

namespace Velox.Venues.Bitfinex.Replay;

/// <summary>Final state of one book at the end of a replay; prices and sizes as decimal text.</summary>
public sealed record BookTop(
    string Symbol,
    BitfinexChannelType Type,
    string Precision,
    BookSyncState State,
    int BidLevels,
    int AskLevels,
    string? BestBid,
    string? BestBidSize,
    string? BestAsk,
    string? BestAskSize);
