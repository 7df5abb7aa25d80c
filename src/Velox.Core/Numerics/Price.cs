namespace Velox.Core.Numerics;

/// <summary>A price in fixed point: <see cref="Raw"/> units of 10^-scale, the scale being the instrument's.</summary>
public readonly record struct Price(long Raw) : IComparable<Price>
{
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Price left, Price right) => left.Raw < right.Raw;

    public static bool operator >(Price left, Price right) => left.Raw > right.Raw;

    public static bool operator <=(Price left, Price right) => left.Raw <= right.Raw;

    public static bool operator >=(Price left, Price right) => left.Raw >= right.Raw;
}
