using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Trading.Positions;

/// <summary>One line of a venue's position snapshot: signed quantity at the instrument's size scale.</summary>
public readonly record struct VenuePosition(InstrumentId Instrument, Quantity Quantity);
