namespace Velox.Simulator.Market;

/// <summary>A public trade as Bitfinex reports it: [ID, MTS, AMOUNT, PRICE], amount negative for sells.</summary>
public readonly record struct TradeRecord(long Id, long Mts, long AmountRaw, long PriceRaw);
