namespace Velox.Core.Instruments;

/// <summary>
/// Static facts of a tradable instrument on one venue. PriceScale/SizeScale are the number of decimal
/// places the fixed-point raw values carry (raw = value × 10^scale).
/// </summary>
public sealed class Instrument
{
    public Instrument(InstrumentId id, string venue, string symbol, int priceScale, int sizeScale)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(priceScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceScale, Numerics.FixedPoint.MaxScale);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeScale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sizeScale, Numerics.FixedPoint.MaxScale);
        Id = id;
        Venue = venue;
        Symbol = symbol;
        SymbolUtf8 = System.Text.Encoding.UTF8.GetBytes(symbol);
        PriceScale = priceScale;
        SizeScale = sizeScale;
    }

    public InstrumentId Id { get; }

    public string Venue { get; }

    /// <summary>The venue's own symbol text, e.g. "tBTCUSD".</summary>
    public string Symbol { get; }

    /// <summary>The symbol as UTF-8, for comparing against wire bytes without allocating.</summary>
    public ReadOnlyMemory<byte> SymbolUtf8 { get; }

    public int PriceScale { get; }

    public int SizeScale { get; }

    public override string ToString() => $"{Venue}:{Symbol}#{Id.Value}";
}
