namespace Velox.Venues.Mexc.Parsing;

/// <summary>The body of a spot <c>PushDataV3ApiWrapper</c> (its <c>oneof body</c> field number).</summary>
public enum SpotChannel : short
{
    /// <summary>No body, or one the session does not handle (tickers, klines, private data).</summary>
    Other = 0,

    /// <summary><c>publicDeals = 301</c> (<c>spot@public.deals.v3.api.pb@SYMBOL</c>, legacy).</summary>
    Deals = 301,

    /// <summary><c>publicIncreaseDepths = 302</c>: one <c>version</c> per push (legacy).</summary>
    IncreaseDepth = 302,

    /// <summary><c>publicAggreDepths = 313</c>: <c>fromVersion</c>..<c>toVersion</c> per push.</summary>
    AggreDepth = 313,

    /// <summary><c>publicAggreDeals = 314</c>.</summary>
    AggreDeals = 314,
}
