namespace Velox.MarketData.Rest;

/// <summary>
/// Fetches REST book snapshots (cold path: at subscribe and on resync). Implementations own timeout,
/// retry and the venue's rate limit; the caller hands the body to the market-data session.
/// </summary>
public interface ISnapshotClient
{
    /// <summary>GETs <paramref name="pathAndQuery"/> (relative to the venue's REST base) costing <paramref name="weight"/> of the rate limit.</summary>
    Task<SnapshotResponse> FetchAsync(string pathAndQuery, int weight, CancellationToken cancellationToken);
}
