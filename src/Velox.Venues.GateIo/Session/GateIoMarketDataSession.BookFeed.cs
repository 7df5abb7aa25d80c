using Velox.MarketData.Books;
using Velox.MarketData.Feeds;
using Velox.Venues.GateIo.Parsing;

namespace Velox.Venues.GateIo.Session;

public sealed partial class GateIoMarketDataSession
{
    /// <summary>Gate.io's side of <see cref="SnapshotDiffFlow"/>: re-parses buffered book diffs and counts into <see cref="Stats"/>.</summary>
    private readonly struct BookFeed(GateIoMarketDataSession session) : ISnapshotDiffFeed
    {
        public bool TryReadDiff(ReadOnlySpan<byte> frame, out long firstId, out long lastId, out long previousId, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks)
        {
            var parsed = GateIoMessageParser.TryParse(frame, out var message, out _);
            firstId = message.FirstId;
            lastId = message.LastId;
            previousId = 0;
            bids = message.Bids;
            asks = message.Asks;
            return parsed;
        }

        public void OnSnapshotLevel() => session.Stats.SnapshotLevels++;

        public void OnSnapshot() => session.Stats.Snapshots++;

        public void OnBuffered() => session.Stats.BookBuffered++;

        public void OnStale() => session.Stats.BookStale++;

        public void OnApplied() => session.Stats.BookUpdates++;

        public void OnGap() => session.Stats.Gaps++;

        public void OnResync() => session.Stats.Resyncs++;

        public void OnError(FeedError error) => session.CountError(error);
    }
}
