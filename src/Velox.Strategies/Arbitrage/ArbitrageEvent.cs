using Velox.Trading.Risk;

namespace Velox.Strategies.Arbitrage;

/// <summary>
/// A record of something the arbitrage did, for the host to log (blittable, no strings). <see cref="State"/> is the
/// cycle's state after the transition the event caused. Quantities are raw
/// at the instruments' shared size scale; <see cref="Exposure"/> is signed: positive means more was bought on
/// the buy venue than sold on the sell venue.
/// </summary>
public readonly record struct ArbitrageEvent(
    long TimeNanos,
    ArbitrageEventKind Kind,
    ArbitrageState State,
    long BuyOrderId,
    long SellOrderId,
    long Quantity,
    long Exposure,
    RiskRejectReason Reason = RiskRejectReason.None);
