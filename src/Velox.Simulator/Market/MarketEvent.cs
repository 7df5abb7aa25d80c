using Velox.MarketData;

namespace Velox.Simulator.Market;

/// <summary>One generator step. Level fields describe the book change (also set for trades).</summary>
public struct MarketEvent
{
    /// <summary>What happened.</summary>
    public MarketEventKind Kind;

    /// <summary>Index of the instrument in the generator.</summary>
    public int Instrument;

    /// <summary>Side of the changed level.</summary>
    public bool IsBid;

    /// <summary>Insert, modify or delete.</summary>
    public LevelChange Change;

    /// <summary>Index of the level (best = 0) after an insert or modify, before a delete.</summary>
    public int LevelIndex;

    /// <summary>The level after the change; for a delete, the removed level.</summary>
    public BookLevel Level;

    /// <summary>The trade, for <see cref="MarketEventKind.Trade"/>.</summary>
    public TradeRecord Trade;
}
