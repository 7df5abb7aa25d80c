using System.Globalization;

namespace Velox.BenchReport;

/// <summary>Nanosecond figures for people: "305 ns", "7.8 µs", "1.25 ms".</summary>
internal static class Nanos
{
    public static string Format(double nanos) => nanos switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanos:0.#} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1e3:0.##} µs"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1e6:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanos / 1e9:0.##} s"),
    };
}
