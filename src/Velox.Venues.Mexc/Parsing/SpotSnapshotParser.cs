using Velox.MarketData.Json;

namespace Velox.Venues.Mexc.Parsing;

/// <summary>Reads the spot REST depth snapshot <c>{"lastUpdateId":N,"bids":[["p","q"]],"asks":[..]}</c>. Never throws.</summary>
public static class SpotSnapshotParser
{
    /// <summary>False when the body is malformed or has no <c>lastUpdateId</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out long lastUpdateId, out ReadOnlySpan<byte> bids, out ReadOnlySpan<byte> asks)
    {
        lastUpdateId = -1;
        bids = default;
        asks = default;
        var json = new JsonScanner(body);
        if (!json.TryConsume((byte)'{'))
        {
            return false;
        }

        var index = 0;
        var hasId = false;
        JsonStep step;
        while ((step = json.NextProperty(ref index, out var name)) == JsonStep.Item)
        {
            var ok = name switch
            {
                _ when name.SequenceEqual("lastUpdateId"u8) => hasId = json.TryReadInt64(out lastUpdateId),
                _ when name.SequenceEqual("bids"u8) => json.TryReadComposite(out bids),
                _ when name.SequenceEqual("asks"u8) => json.TryReadComposite(out asks),
                _ => json.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End && hasId && lastUpdateId >= 0;
    }
}
