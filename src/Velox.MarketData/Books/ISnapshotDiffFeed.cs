using Velox.MarketData.Feeds;

namespace Velox.MarketData.Books;

/// <summary>
/// The venue side of <see cref="SnapshotDiffFlow"/>: re-reads a buffered diff frame and keeps the
/// venue's counters. Implemented by a struct so the flow's calls inline.
/// </summary>
public interface ISnapshotDiffFeed
{
    /// <summary>Parses a buffered diff frame into its update ids and level arrays; false when it does not parse.</summary>
    bool TryReadDiff(ReadOnlySpan<byte> frame, out long firstId, out long lastId, out long previousId, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks);

    /// <summary>A snapshot level was stored.</summary>
    void OnSnapshotLevel();

    /// <summary>A snapshot was applied.</summary>
    void OnSnapshot();

    /// <summary>A diff was held until the next snapshot.</summary>
    void OnBuffered();

    /// <summary>A diff already contained in the book was dropped.</summary>
    void OnStale();

    /// <summary>A diff was applied to the book.</summary>
    void OnApplied();

    /// <summary>The update-id chain broke.</summary>
    void OnGap();

    /// <summary>The book entered Resyncing.</summary>
    void OnResync();

    /// <summary>A buffered diff failed while being replayed.</summary>
    void OnError(FeedError error);
}
