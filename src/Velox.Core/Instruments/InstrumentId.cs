namespace Velox.Core.Instruments;

/// <summary>Small dense id of an instrument on one venue; indexes arrays on the hot path.</summary>
public readonly record struct InstrumentId(ushort Value)
{
    public static readonly InstrumentId None = new(ushort.MaxValue);

    public bool IsNone => Value == ushort.MaxValue;
}
