namespace Velox.Simulator.Market;

/// <summary>What one generator step did.</summary>
public enum MarketEventKind
{
    /// <summary>A book level was inserted, modified or deleted.</summary>
    Level,

    /// <summary>A trade at the touch; it also changed the touched level.</summary>
    Trade,

    /// <summary>The ticker was refreshed.</summary>
    Ticker,
}
