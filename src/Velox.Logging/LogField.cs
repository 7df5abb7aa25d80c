using Velox.Core.Numerics;

namespace Velox.Logging;

/// <summary>A named, typed field of an event definition.</summary>
public readonly record struct LogField(string Name, LogFieldKind Kind, int Scale)
{
    public static LogField Long(string name) => new(name, LogFieldKind.Long, 0);

    /// <summary>A fixed-point field: the value passed is the raw long, printed as raw / 10^scale.</summary>
    public static LogField Decimal(string name, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, FixedPoint.MaxScale);
        return new(name, LogFieldKind.Decimal, scale);
    }

    public static LogField Bool(string name) => new(name, LogFieldKind.Bool, 0);

    public static LogField Time(string name) => new(name, LogFieldKind.Time, 0);

    /// <summary>A low-cardinality string (venue, symbol, reason) passed as a <see cref="LogText"/> id.</summary>
    public static LogField Text(string name) => new(name, LogFieldKind.Text, 0);
}
