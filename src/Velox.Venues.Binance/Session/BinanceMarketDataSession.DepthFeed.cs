using Velox.MarketData.Books;
using Velox.MarketData.Feeds;
using Velox.Venues.Binance.Parsing;

namespace Velox.Venues.Binance.Session;

public sealed partial class BinanceMarketDataSession
{
    /// <summary>Binance's side of <see cref="SnapshotDiffFlow"/>: re-parses buffered depth diffs and counts into <see cref="Stats"/>.</summary>
    private readonly struct DepthFeed(BinanceMarketDataSession session) : ISnapshotDiffFeed
    {
        public bool TryReadDiff(ReadOnlySpan<byte> frame, out long firstId, out long lastId, out long previousId, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks)
        {
            var parsed = BinanceMessageParser.TryParse(frame, out var message, out _);
            firstId = message.FirstId;
            lastId = message.LastId;
            previousId = message.PreviousId;
            bids = message.Bids;
            asks = message.Asks;
            return parsed;
        }

        public void OnSnapshotLevel() => session.Stats.SnapshotLevels++;

        public void OnSnapshot() => session.Stats.Snapshots++;

        public void OnBuffered() => session.Stats.DepthBuffered++;

        public void OnStale() => session.Stats.DepthStale++;

        public void OnApplied() => session.Stats.DepthUpdates++;

        public void OnGap() => session.Stats.Gaps++;

        public void OnResync() => session.Stats.Resyncs++;

        public void OnError(FeedError error) => session.CountError(error);
    }
}
