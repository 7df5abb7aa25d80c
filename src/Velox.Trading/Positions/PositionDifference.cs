using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Trading.Positions;

/// <summary>An instrument where our position and the venue's snapshot disagree.</summary>
public readonly record struct PositionDifference(InstrumentId Instrument, Quantity Ours, Quantity Venue)
{
    /// <summary>Venue minus ours (raw): what we would have to book to agree with the venue.</summary>
    public long Delta => Venue.Raw - Ours.Raw;
}
