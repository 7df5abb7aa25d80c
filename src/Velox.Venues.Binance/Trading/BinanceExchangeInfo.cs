using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Loads PRICE_FILTER, LOT_SIZE, NOTIONAL and MIN_NOTIONAL of the registry's Binance spot symbols from a
/// <c>GET /api/v3/exchangeInfo</c> (or WebSocket API <c>exchangeInfo</c> result) document. Cold path.
/// </summary>
public static class BinanceExchangeInfo
{
    /// <summary>
    /// Filters per instrument id (null where the registry's instrument is not a Binance spot symbol of the
    /// document). Throws <see cref="InvalidDataException"/> naming the symbol and field when the document is
    /// malformed or a filter value has more decimals than the instrument's scale can hold.
    /// </summary>
    public static BinanceSymbolFilters?[] Load(string json, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(registry);
        var table = new BinanceSymbolFilters?[registry.Count];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"exchangeInfo is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result))
            {
                root = result;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbols", out var symbols) || symbols.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("exchangeInfo has no \"symbols\" array");
            }

            foreach (var symbol in symbols.EnumerateArray())
            {
                var name = Text(symbol, "symbol", "?");
                if (!registry.TryGet(BinanceVenue.SpotName, name, out var instrument))
                {
                    continue;
                }

                table[instrument.Id.Value] = Parse(symbol, name, instrument);
            }
        }

        return table;
    }

    private static BinanceSymbolFilters Parse(JsonElement symbol, string name, Instrument instrument)
    {
        long minPrice = 0, maxPrice = 0, tick = 0, minQty = 0, maxQty = 0, step = 0, minNotional = 0, maxNotional = 0;
        var notionalScale = instrument.PriceScale;
        if (symbol.TryGetProperty("filters", out var filters) && filters.ValueKind == JsonValueKind.Array)
        {
            foreach (var filter in filters.EnumerateArray())
            {
                switch (Text(filter, "filterType", name))
                {
                    case "PRICE_FILTER":
                        minPrice = Decimal(filter, "minPrice", instrument.PriceScale, name);
                        maxPrice = Decimal(filter, "maxPrice", instrument.PriceScale, name);
                        tick = Decimal(filter, "tickSize", instrument.PriceScale, name);
                        break;
                    case "LOT_SIZE":
                        minQty = Decimal(filter, "minQty", instrument.SizeScale, name);
                        maxQty = Decimal(filter, "maxQty", instrument.SizeScale, name);
                        step = Decimal(filter, "stepSize", instrument.SizeScale, name);
                        break;
                    case "NOTIONAL":
                        minNotional = Decimal(filter, "minNotional", notionalScale, name);
                        maxNotional = Decimal(filter, "maxNotional", notionalScale, name);
                        break;
                    case "MIN_NOTIONAL":
                        minNotional = Math.Max(minNotional, Decimal(filter, "minNotional", notionalScale, name));
                        break;
                }
            }
        }

        return new BinanceSymbolFilters
        {
            Symbol = name,
            BaseAsset = Text(symbol, "baseAsset", name),
            QuoteAsset = Text(symbol, "quoteAsset", name),
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            TickSize = tick,
            MinQuantity = minQty,
            MaxQuantity = maxQty,
            StepSize = step,
            MinNotional = minNotional,
            MaxNotional = maxNotional,
            SizeScale = instrument.SizeScale,
        };
    }

    private static string Text(JsonElement element, string field, string symbol) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"exchangeInfo symbol {symbol}: \"{field}\" is missing or not a string");

    private static long Decimal(JsonElement filter, string field, int scale, string symbol)
    {
        if (!filter.TryGetProperty(field, out var value))
        {
            return 0;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (!FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var raw, out var status) || raw < 0)
        {
            throw new InvalidDataException(
                $"exchangeInfo symbol {symbol}: {field} \"{text}\" does not fit {scale} decimals ({status}); register the instrument with a larger scale");
        }

        return raw;
    }
}
