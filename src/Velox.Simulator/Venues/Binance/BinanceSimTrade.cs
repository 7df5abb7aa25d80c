namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// One execution of an account's order as <c>myTrades</c> reports it; <see cref="Id"/> is the engine's trade id,
/// the same number the order's TRADE executionReport carries as <c>t</c>.
/// </summary>
internal readonly record struct BinanceSimTrade(
    long Id, long OrderId, bool Buyer, long Price, long Quantity, long Commission, int CommissionCurrency, bool Maker, long Mts);
