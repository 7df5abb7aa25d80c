using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Oms;

namespace Velox.Trading.Positions;

/// <summary>
/// Positions and PnL per instrument (an instrument id is already per venue), fixed point throughout.
/// Average cost: the cost basis is kept as an exact Int128 notional. Closing part of a position removes
/// CostBasis × closed / open from it, truncated toward zero; the remainder of that division stays in the
/// basis of what is still open, so nothing is ever lost: once the position is flat again the realized PnL
/// of the round trip is exact, and at any time realized + basis equals the exact cash flow. A fill that
/// goes through zero closes the old position at its average and opens the rest at the fill price.
/// Preallocated; applying a fill does not allocate.
/// </summary>
public sealed class PositionBook
{
    private readonly Position[] _positions;
    private readonly int[] _notionalScale;
    private readonly string[] _venues;

    /// <summary>Creates positions for every instrument in <paramref name="instruments"/> (cold path).</summary>
    public PositionBook(InstrumentRegistry instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _positions = new Position[instruments.Count];
        _notionalScale = new int[instruments.Count];
        _venues = new string[instruments.Count];
        for (var i = 0; i < instruments.Count; i++)
        {
            var instrument = instruments[new InstrumentId((ushort)i)];
            _notionalScale[i] = instrument.PriceScale + instrument.SizeScale;
            _venues[i] = instrument.Venue;
        }
    }

    /// <summary>Instruments held.</summary>
    public int Count => _positions.Length;

    /// <summary>The position in an instrument.</summary>
    public ref readonly Position this[InstrumentId instrument] => ref _positions[instrument.Value];

    /// <summary>Decimal places of the money amounts of an instrument (price scale + size scale).</summary>
    public int NotionalScale(InstrumentId instrument) => _notionalScale[instrument.Value];

    /// <summary>Books a fill: <paramref name="side"/> Bid buys, Ask sells; <paramref name="fee"/> at the fee scale (negative: rebate).</summary>
    public void ApplyFill(InstrumentId instrument, Side side, Price price, Quantity quantity, long fee)
    {
        ref var position = ref _positions[instrument.Value];
        var trade = side == Side.Bid ? quantity.Raw : -quantity.Raw;
        var open = position.Quantity.Raw;
        position.Fees += fee;
        position.Fills++;
        position.Volume += quantity.Raw;
        if (open == 0 || (open > 0) == (trade > 0))
        {
            position.Quantity = new Quantity(open + trade);
            position.CostBasis += (Int128)price.Raw * trade;
            return;
        }

        // Reducing: close min(|trade|, |open|) at the average, then open any rest at the fill price. Closing the
        // whole position removes the whole basis (closed / open = 1), remainders of earlier partial closes included.
        var closing = Math.Abs(trade) <= Math.Abs(open) ? trade : -open;
        var removedCost = position.CostBasis * -closing / open;
        position.RealizedPnl += ((Int128)price.Raw * -closing) - removedCost;
        position.CostBasis -= removedCost;
        open += closing;
        var rest = trade - closing;
        position.Quantity = new Quantity(open + rest);
        position.CostBasis += (Int128)price.Raw * rest;
    }

    /// <summary>
    /// Sets the opening position of an instrument that has not traded yet (startup reconciliation with a venue
    /// snapshot): <paramref name="quantity"/> (signed) held at cost <paramref name="price"/>; no fill is counted.
    /// False when the instrument already has a position or fills.
    /// </summary>
    public bool TryOpen(InstrumentId instrument, Quantity quantity, Price price)
    {
        ref var position = ref _positions[instrument.Value];
        if (position.Quantity.Raw != 0 || position.Fills != 0)
        {
            return false;
        }

        position.Quantity = quantity;
        position.CostBasis = (Int128)price.Raw * quantity.Raw;
        return true;
    }

    /// <summary>Unrealized PnL at <paramref name="mark"/>: Quantity × mark − CostBasis (notional scale).</summary>
    public Int128 UnrealizedPnl(InstrumentId instrument, Price mark)
    {
        ref readonly var position = ref _positions[instrument.Value];
        return ((Int128)position.Quantity.Raw * mark.Raw) - position.CostBasis;
    }

    /// <summary>Realized PnL minus fees, at the notional scale (fees of finer scale than that are truncated).</summary>
    public Int128 NetRealizedPnl(InstrumentId instrument)
    {
        ref readonly var position = ref _positions[instrument.Value];
        return position.RealizedPnl - FeesAtNotionalScale(instrument, position.Fees);
    }

    /// <summary>Average entry price (CostBasis / Quantity, truncated toward zero); <paramref name="exact"/> says whether it divides evenly. False when flat.</summary>
    public bool TryGetAverageEntryPrice(InstrumentId instrument, out Price price, out bool exact)
    {
        ref readonly var position = ref _positions[instrument.Value];
        if (position.Quantity.Raw == 0)
        {
            price = default;
            exact = true;
            return false;
        }

        var quotient = Int128.DivRem(position.CostBasis, position.Quantity.Raw);
        price = new Price((long)quotient.Quotient);
        exact = quotient.Remainder == 0;
        return true;
    }

    /// <summary>
    /// Compares our positions on <paramref name="venue"/> with the venue's snapshot (instruments missing from
    /// the snapshot count as flat there) and writes every disagreement to <paramref name="differences"/>;
    /// returns how many there are (may exceed the span's length; only that many are written).
    /// </summary>
    public int Reconcile(string venue, ReadOnlySpan<VenuePosition> snapshot, Span<PositionDifference> differences)
    {
        var found = 0;
        for (var i = 0; i < _positions.Length; i++)
        {
            if (_venues[i] != venue)
            {
                continue;
            }

            var theirs = 0L;
            foreach (var line in snapshot)
            {
                if (line.Instrument.Value == i)
                {
                    theirs = line.Quantity.Raw;
                }
            }

            var ours = _positions[i].Quantity.Raw;
            if (ours != theirs)
            {
                if (found < differences.Length)
                {
                    differences[found] = new PositionDifference(new InstrumentId((ushort)i), new Quantity(ours), new Quantity(theirs));
                }

                found++;
            }
        }

        return found;
    }

    private Int128 FeesAtNotionalScale(InstrumentId instrument, long fees)
    {
        var shift = _notionalScale[instrument.Value] - ExecutionReport.FeeScale;
        Int128 value = fees;
        for (; shift > 0; shift--)
        {
            value *= 10;
        }

        for (; shift < 0; shift++)
        {
            value /= 10;
        }

        return value;
    }
}
