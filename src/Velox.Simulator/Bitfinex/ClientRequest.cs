using System.Text.Json;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// The fields of a client event object ({"event":"subscribe",...}) that the dialect reads.
/// Client messages are rare (cold path), so strings are fine here.
/// </summary>
public sealed record ClientRequest
{
    /// <summary>"event": conf, subscribe, unsubscribe, ping, auth.</summary>
    public string? Event { get; private init; }

    /// <summary>"flags" of a conf.</summary>
    public long? Flags { get; private init; }

    /// <summary>"channel": book, trades, ticker.</summary>
    public string? Channel { get; private init; }

    /// <summary>"symbol", e.g. tBTCUSD.</summary>
    public string? Symbol { get; private init; }

    /// <summary>"pair" (older clients), e.g. BTCUSD.</summary>
    public string? Pair { get; private init; }

    /// <summary>Book "prec", e.g. P0.</summary>
    public string? Prec { get; private init; }

    /// <summary>Book "freq", e.g. F0.</summary>
    public string? Freq { get; private init; }

    /// <summary>"len" as text; clients send it as a string ("25") or a number.</summary>
    public string? Len { get; private init; }

    /// <summary>"chanId" of an unsubscribe.</summary>
    public long? ChanId { get; private init; }

    /// <summary>Client id echoed in "pong".</summary>
    public long? Cid { get; private init; }

    /// <summary>"apiKey" of an auth.</summary>
    public string? ApiKey { get; private init; }

    /// <summary>"authSig": hex HMAC-SHA384 of <see cref="AuthPayload"/> with the key's secret.</summary>
    public string? AuthSig { get; private init; }

    /// <summary>"authPayload": "AUTH" + nonce.</summary>
    public string? AuthPayload { get; private init; }

    /// <summary>"authNonce" as text (clients send a number or a numeric string).</summary>
    public string? AuthNonce { get; private init; }

    /// <summary>"dms" of an auth: 4 = cancel the account's orders when this connection closes.</summary>
    public long? Dms { get; private init; }

    /// <summary>Reads a top-level JSON object; false when the text is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ClientRequest request)
    {
        request = new ClientRequest();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                request = With(request, name, ref reader);
                reader.Skip();
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
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

    private static ClientRequest With(ClientRequest r, string? name, ref Utf8JsonReader reader) => name switch
    {
        "event" => r with { Event = Text(ref reader) },
        "flags" => r with { Flags = Integer(ref reader) },
        "channel" => r with { Channel = Text(ref reader) },
        "symbol" => r with { Symbol = Text(ref reader) },
        "pair" => r with { Pair = Text(ref reader) },
        "prec" => r with { Prec = Text(ref reader) },
        "freq" => r with { Freq = Text(ref reader) },
        "len" or "length" => r with { Len = Text(ref reader) },
        "chanId" => r with { ChanId = Integer(ref reader) },
        "cid" => r with { Cid = Integer(ref reader) },
        "apiKey" => r with { ApiKey = Text(ref reader) },
        "authSig" => r with { AuthSig = Text(ref reader) },
        "authPayload" => r with { AuthPayload = Text(ref reader) },
        "authNonce" => r with { AuthNonce = Text(ref reader) },
        "dms" => r with { Dms = Integer(ref reader) },
        _ => r,
    };

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };

    private static long? Integer(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
}
