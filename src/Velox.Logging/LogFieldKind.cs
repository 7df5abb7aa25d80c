namespace Velox.Logging;

/// <summary>How a field's 8-byte value is printed.</summary>
public enum LogFieldKind
{
    /// <summary>A signed integer.</summary>
    Long,

    /// <summary>A fixed-point raw value (units of 10^-scale, like <c>Price.Raw</c>), printed as an exact decimal number.</summary>
    Decimal,

    /// <summary>0 is false, anything else true.</summary>
    Bool,

    /// <summary>Nanoseconds on the logger's clock, printed as an ISO-8601 UTC string like the line's own time.</summary>
    Time,

    /// <summary>The id of a string interned with <see cref="LogCatalog.Text"/>, printed as a JSON string.</summary>
    Text,
}
