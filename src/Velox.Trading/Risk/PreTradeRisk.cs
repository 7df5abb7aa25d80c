using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;

namespace Velox.Trading.Risk;

/// <summary>
/// The pre-trade check every new order passes before the OMS takes it. Runs on the hot path: array
/// lookups, Int128 arithmetic, a walk over the instrument's own open orders for self-trade prevention;
/// no allocation, no exceptions. Checks run cheapest and most severe first; the venue's rate-limit
/// token is taken last, only by an order that passed everything else. Every refusal is counted per reason.
/// </summary>
public sealed class PreTradeRisk
{
    private readonly RiskOptions _options;
    private readonly IClock _clock;
    private readonly OrderManager _orders;
    private readonly PositionBook _positions;
    private readonly CircuitBreakers _breakers;
    private readonly KillSwitch _killSwitch;
    private readonly long[] _maxQuantity;
    private readonly Int128[] _maxNotional;
    private readonly Int128[] _maxGlobalNotional;
    private readonly long[] _maxPosition;
    private readonly int[] _maxOpenOrders;
    private readonly int[] _bandBps;
    private readonly int[] _venueOf;
    private readonly TokenBucket[] _buckets;
    private readonly long[] _rejections = new long[Enum.GetValues<RiskRejectReason>().Length];

    /// <summary>Builds the per-instrument tables (cold path).</summary>
    public PreTradeRisk(
        RiskOptions options,
        InstrumentRegistry instruments,
        IClock clock,
        OrderManager orders,
        PositionBook positions,
        CircuitBreakers breakers,
        KillSwitch killSwitch)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        _options = options;
        _clock = clock;
        _orders = orders;
        _positions = positions;
        _breakers = breakers;
        _killSwitch = killSwitch;
        var count = instruments.Count;
        _maxQuantity = new long[count];
        _maxNotional = new Int128[count];
        _maxGlobalNotional = new Int128[count];
        _maxPosition = new long[count];
        _maxOpenOrders = new int[count];
        _bandBps = new int[count];
        _venueOf = new int[count];
        var venues = new List<string>();
        var now = clock.NowNanos();
        for (var i = 0; i < count; i++)
        {
            var id = new InstrumentId((ushort)i);
            var instrument = instruments[id];
            var limits = options.Limits.TryGetValue(id, out var own) ? own : options.DefaultLimits;
            _maxQuantity[i] = limits.MaxOrderQuantity;
            _maxPosition[i] = limits.MaxPosition;
            _maxOpenOrders[i] = limits.MaxOpenOrders;
            _bandBps[i] = limits.PriceBandBps;

            // Notionals compare as price.Raw × quantity.Raw, i.e. at price scale + size scale.
            _maxNotional[i] = (Int128)limits.MaxOrderNotional * Pow10(instrument.SizeScale);
            var shift = instrument.PriceScale + instrument.SizeScale - RiskOptions.GlobalNotionalScale;
            _maxGlobalNotional[i] = shift >= 0
                ? (Int128)options.MaxGlobalOrderNotional * Pow10(shift)
                : (Int128)options.MaxGlobalOrderNotional / Pow10(-shift);
            var venue = venues.IndexOf(instrument.Venue);
            if (venue < 0)
            {
                venue = venues.Count;
                venues.Add(instrument.Venue);
            }

            _venueOf[i] = venue;
        }

        _buckets = new TokenBucket[venues.Count];
        for (var v = 0; v < _buckets.Length; v++)
        {
            _buckets[v] = new TokenBucket(options.VenueOrdersPerSecond, options.VenueOrderBurst, now);
        }
    }

    /// <summary>Orders that passed.</summary>
    public long Passed { get; private set; }

    /// <summary>Orders refused for <paramref name="reason"/>.</summary>
    public long Rejections(RiskRejectReason reason) => _rejections[(int)reason];

    /// <summary>Runs every pre-trade check; <see cref="RiskRejectReason.None"/> means the order may go to the OMS.</summary>
    public RiskRejectReason Check(in OrderRequest order, in MarketState market) =>
        Counted(Evaluate(order, market, order.Quantity.Raw, isAmend: false));

    /// <summary>
    /// Runs the checks on an amend of a working order to <paramref name="price"/> and <paramref name="quantity"/> (the
    /// order's new total size): every limit as for a new order, the position projected with the size difference only,
    /// and no open-order count (an amend adds no order). It takes a rate-limit token: it is a message to the venue.
    /// </summary>
    public RiskRejectReason CheckAmend(in Order order, Price price, Quantity quantity, in MarketState market)
    {
        var amended = new OrderRequest(order.Instrument, order.Side, order.Type, order.TimeInForce, price, quantity, order.Flags);
        return Counted(Evaluate(amended, market, quantity.Raw - order.Quantity.Raw, isAmend: true));
    }

    private RiskRejectReason Counted(RiskRejectReason reason)
    {
        if (reason == RiskRejectReason.None)
        {
            Passed++;
        }
        else
        {
            _rejections[(int)reason]++;
        }

        return reason;
    }

    // addedLeaves: open quantity the order adds on its side (its size when new, the size difference when amended).
    private RiskRejectReason Evaluate(in OrderRequest order, in MarketState market, long addedLeaves, bool isAmend)
    {
        if (_killSwitch.IsEngaged)
        {
            return RiskRejectReason.KillSwitch;
        }

        var mode = _breakers.Mode;
        if (mode == TradingMode.Halt)
        {
            return RiskRejectReason.Halted;
        }

        var i = order.Instrument.Value;
        if (i >= _maxQuantity.Length)
        {
            return RiskRejectReason.UnknownInstrument;
        }

        if (!order.IsWellFormed)
        {
            return RiskRejectReason.InvalidOrder;
        }

        if (market.BookState != BookSyncState.InSync)
        {
            return RiskRejectReason.BookNotInSync;
        }

        var now = _clock.NowNanos();
        if (now - market.LastUpdateNanos > _options.MaxMarketDataAgeNanos)
        {
            return RiskRejectReason.StaleMarketData;
        }

        var reference = market.ReferencePrice.Raw;
        if (reference <= 0)
        {
            return RiskRejectReason.NoReferencePrice;
        }

        var isMarket = order.Type == OrderType.Market;
        if (!isMarket && (Int128)Math.Abs(order.Price.Raw - reference) * 10_000 > (Int128)reference * _bandBps[i])
        {
            return RiskRejectReason.PriceBand;
        }

        var quantity = order.Quantity.Raw;
        if (quantity > _maxQuantity[i])
        {
            return RiskRejectReason.MaxOrderQuantity;
        }

        var notional = (Int128)(isMarket ? reference : order.Price.Raw) * quantity;
        if (notional > _maxNotional[i])
        {
            return RiskRejectReason.MaxOrderNotional;
        }

        if (notional > _maxGlobalNotional[i])
        {
            return RiskRejectReason.MaxGlobalOrderNotional;
        }

        var position = _positions[order.Instrument].Quantity.Raw;
        var sign = order.Side == Side.Bid ? 1L : -1L;
        var projected = position + (sign * (_orders.OpenLeaves(order.Instrument, order.Side) + addedLeaves));
        if ((mode == TradingMode.ReduceOnly || (order.Flags & OrderFlags.ReduceOnly) != 0) && !Reduces(position, projected))
        {
            return RiskRejectReason.ReduceOnly;
        }

        var absProjected = Math.Abs(projected);
        if (absProjected > _maxPosition[i] && absProjected > Math.Abs(position))
        {
            return RiskRejectReason.MaxPosition;
        }

        if (!isAmend && _orders.OpenOrdersOn(order.Instrument) >= _maxOpenOrders[i])
        {
            return RiskRejectReason.MaxOpenOrders;
        }

        if (!isAmend && _orders.OpenOrders >= _options.MaxGlobalOpenOrders)
        {
            return RiskRejectReason.MaxGlobalOpenOrders;
        }

        if (_options.SelfTradePrevention && CrossesOwnOrder(order, isMarket))
        {
            return RiskRejectReason.SelfTrade;
        }

        return _buckets[_venueOf[i]].TryTake(now) ? RiskRejectReason.None : RiskRejectReason.RateLimit;
    }

    /// <summary>Reduces = same sign as the position (or flat) and strictly smaller in size.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Reduces(long position, long projected) =>
        position != 0 && (projected == 0 || (projected > 0) == (position > 0)) && Math.Abs(projected) < Math.Abs(position);

    private bool CrossesOwnOrder(in OrderRequest order, bool isMarket)
    {
        var buying = order.Side == Side.Bid;
        for (var slot = _orders.FirstOpen(order.Instrument); slot >= 0; slot = _orders.NextOpen(slot))
        {
            ref readonly var resting = ref _orders[slot];
            if (resting.Side == order.Side || resting.Type == OrderType.Market)
            {
                continue;
            }

            if (isMarket || Crosses(buying, order.Price.Raw, resting.Price.Raw) ||
                (resting.State == OrderState.PendingReplace && Crosses(buying, order.Price.Raw, resting.PendingPrice.Raw)))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Crosses(bool buying, long price, long resting) => buying ? price >= resting : price <= resting;

    private static Int128 Pow10(int n)
    {
        Int128 value = 1;
        for (var k = 0; k < n; k++)
        {
            value *= 10;
        }

        return value;
    }
}
