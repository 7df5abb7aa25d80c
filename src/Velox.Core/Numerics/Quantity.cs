namespace Velox.Core.Numerics;

/// <summary>A size or amount in fixed point: <see cref="Raw"/> units of 10^-scale (the instrument's size scale).</summary>
public readonly record struct Quantity(long Raw) : IComparable<Quantity>
{
    public int CompareTo(Quantity other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Quantity left, Quantity right) => left.Raw < right.Raw;

    public static bool operator >(Quantity left, Quantity right) => left.Raw > right.Raw;

    public static bool operator <=(Quantity left, Quantity right) => left.Raw <= right.Raw;

    public static bool operator >=(Quantity left, Quantity right) => left.Raw >= right.Raw;
}
