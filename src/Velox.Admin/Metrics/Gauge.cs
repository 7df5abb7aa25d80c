using System.Runtime.InteropServices;

namespace Velox.Admin.Metrics;

/// <summary>
/// A value that goes up and down (a state, an age, a position), set by its owner and read by the admin
/// thread. Stored as the bits of a double with a release store, so a read never sees a torn value.
/// </summary>
public sealed class Gauge
{
    private PaddedBits _bits;

    /// <summary>The current value (acquire read; any thread).</summary>
    public double Value => BitConverter.Int64BitsToDouble(Volatile.Read(ref _bits.Value));

    /// <summary>Sets the value; one writer at a time.</summary>
    public void Set(double value) => Volatile.Write(ref _bits.Value, BitConverter.DoubleToInt64Bits(value));

    /// <summary>Sets 1 for true, 0 for false.</summary>
    public void Set(bool value) => Set(value ? 1.0 : 0.0);

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedBits
    {
        [FieldOffset(64)]
        public long Value;
    }
}
