namespace Velox.MarketData.Replay;

/// <summary>Final state of one book at the end of a replay check; prices and sizes as decimal text.</summary>
public sealed record ReplayBook(
    string Symbol,
    string Channel,
    string State,
    int BidLevels,
    int AskLevels,
    string? BestBid,
    string? BestBidSize,
    string? BestAsk,
    string? BestAskSize);
