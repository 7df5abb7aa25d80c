using System.Text.Json;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// An authenticated input message on channel 0: <c>[0,"on"|"oc"|"ou"|"oc_multi",null,{...}]</c>.
/// Inputs are rare (cold path), so strings are fine here; amounts and prices stay text until the
/// instrument's scale is known.
/// </summary>
public sealed class OrderInput
{
    /// <summary>"on", "oc", "ou" or "oc_multi".</summary>
    public string Kind { get; private set; } = "";

    /// <summary>"id" of oc/ou (a single number).</summary>
    public long? Id { get; private set; }

    /// <summary>"id" of oc_multi (an array of numbers).</summary>
    public List<long> Ids { get; } = [];

    /// <summary>"all":1 of oc_multi.</summary>
    public bool All { get; private set; }

    /// <summary>"cid": client order id.</summary>
    public long? Cid { get; private set; }

    /// <summary>"cid_date": YYYY-MM-DD of the order's creation (UTC), for oc by cid.</summary>
    public string? CidDate { get; private set; }

    /// <summary>"type", e.g. "EXCHANGE LIMIT".</summary>
    public string? Type { get; private set; }

    /// <summary>"symbol", e.g. "tBTCUSD".</summary>
    public string? Symbol { get; private set; }

    /// <summary>"amount" as text (string or number in the message), negative sells.</summary>
    public string? Amount { get; private set; }

    /// <summary>"price" as text.</summary>
    public string? Price { get; private set; }

    /// <summary>"delta" of ou as text.</summary>
    public string? Delta { get; private set; }

    /// <summary>"flags" (4096 = post-only).</summary>
    public int Flags { get; private set; }

    /// <summary>Reads an input array; false when the text is not one (the caller answers with an error).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out OrderInput input)
    {
        input = new OrderInput();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var chan) || chan != 0
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            input.Kind = reader.GetString() ?? "";
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                input.Read(name, ref reader);
                reader.Skip();
            }

            return reader.TokenType == JsonTokenType.EndObject && reader.Read() && reader.TokenType == JsonTokenType.EndArray && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };

    private static long? Integer(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value
        : reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value) ? value
        : null;

    private void Read(string? name, ref Utf8JsonReader reader)
    {
        switch (name)
        {
            case "id" when reader.TokenType == JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (Integer(ref reader) is { } id)
                    {
                        Ids.Add(id);
                    }
                }

                break;
            case "id":
                Id = Integer(ref reader);
                break;
            case "all":
                All = Integer(ref reader) == 1 || reader.TokenType == JsonTokenType.True;
                break;
            case "cid":
                Cid = Integer(ref reader);
                break;
            case "cid_date":
                CidDate = Text(ref reader);
                break;
            case "type":
                Type = Text(ref reader);
                break;
            case "symbol":
                Symbol = Text(ref reader);
                break;
            case "amount":
                Amount = Text(ref reader);
                break;
            case "price":
                Price = Text(ref reader);
                break;
            case "delta":
                Delta = Text(ref reader);
                break;
            case "flags":
                Flags = (int)(Integer(ref reader) ?? 0);
                break;
        }
    }
}
