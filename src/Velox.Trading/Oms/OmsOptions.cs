namespace Velox.Trading.Oms;

/// <summary>Sizes of the OMS's preallocated structures.</summary>
public sealed class OmsOptions
{
    /// <summary>Order slots. Terminal orders stay findable (for late reports) until their slot is needed again.</summary>
    public int MaxOrders { get; init; } = 4096;

    /// <summary>Instrument ids the OMS accepts: 0 .. MaxInstruments-1.</summary>
    public int MaxInstruments { get; init; } = 256;

    /// <summary>Most recent fill ids remembered for de-duplication.</summary>
    public int FillIdHistory { get; init; } = 65_536;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOrders, 1, nameof(MaxOrders));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInstruments, 1, nameof(MaxInstruments));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxInstruments, ushort.MaxValue, nameof(MaxInstruments));
        ArgumentOutOfRangeException.ThrowIfLessThan(FillIdHistory, 1, nameof(FillIdHistory));
    }
}
