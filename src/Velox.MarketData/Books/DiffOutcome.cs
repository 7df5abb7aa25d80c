namespace Velox.MarketData.Books;

/// <summary>What <see cref="SnapshotDiffFlow.OnDiff{TFeed, THandler}"/> did with a live diff.</summary>
public enum DiffOutcome
{
    /// <summary>Applied to the book.</summary>
    Applied,

    /// <summary>Held until the snapshot arrives.</summary>
    Buffered,

    /// <summary>Already contained in the book; dropped.</summary>
    Stale,

    /// <summary>Broke the update-id chain; the book resyncs and keeps the diff for the next bridge.</summary>
    Gap,

    /// <summary>A level did not parse or was invalid; the book resyncs.</summary>
    Failed,
}
