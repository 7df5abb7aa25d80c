namespace Velox.Core.Instruments;

/// <summary>
/// Symbol ↔ id mapping for all instruments the process knows. Filled at start (cold path);
/// lookups by id are array indexing, lookups by UTF-8 symbol do not allocate.
/// </summary>
public sealed class InstrumentRegistry
{
    private readonly List<Instrument> _byId = [];
    private readonly Dictionary<(string Venue, string Symbol), Instrument> _bySymbol = [];

    public int Count => _byId.Count;

    public IReadOnlyList<Instrument> All => _byId;

    /// <summary>Adds an instrument (or returns the existing one with the same venue and symbol and scales).</summary>
    public Instrument Add(string venue, string symbol, int priceScale, int sizeScale)
    {
        if (_bySymbol.TryGetValue((venue, symbol), out var existing))
        {
            if (existing.PriceScale != priceScale || existing.SizeScale != sizeScale)
            {
                throw new ArgumentException(
                    $"instrument {venue}:{symbol} already registered with scales {existing.PriceScale}/{existing.SizeScale}, not {priceScale}/{sizeScale}");
            }

            return existing;
        }

        if (_byId.Count >= ushort.MaxValue)
        {
            throw new InvalidOperationException($"too many instruments (max {ushort.MaxValue - 1})");
        }

        var instrument = new Instrument(new InstrumentId((ushort)_byId.Count), venue, symbol, priceScale, sizeScale);
        _byId.Add(instrument);
        _bySymbol.Add((venue, symbol), instrument);
        return instrument;
    }

    public Instrument this[InstrumentId id] => _byId[id.Value];

    public bool TryGet(string venue, string symbol, out Instrument instrument) =>
        _bySymbol.TryGetValue((venue, symbol), out instrument!);

    /// <summary>Finds an instrument by the UTF-8 bytes of its symbol (linear; for subscribe/replies, not per tick).</summary>
    public bool TryGet(string venue, ReadOnlySpan<byte> symbolUtf8, out Instrument instrument)
    {
        foreach (var candidate in _byId)
        {
            if (candidate.Venue == venue && candidate.SymbolUtf8.Span.SequenceEqual(symbolUtf8))
            {
                instrument = candidate;
                return true;
            }
        }

        instrument = null!;
        return false;
    }
}
