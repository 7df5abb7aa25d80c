using System.Text.Json;
using Velox.MarketData.Json;

namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>
/// Parses event objects with <see cref="Utf8JsonReader"/> (no allocation; events are rare so the
/// general reader is fine here). Malformed JSON returns false, it does not throw.
/// </summary>
public static class BitfinexEventParser
{
    /// <summary>Parses an event object; false with the reason when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out BitfinexEvent result, out FrameError error)
    {
        result = default;
        var e = new BitfinexEvent
        {
            Code = -1,
            Version = -1,
            PlatformStatus = -1,
            Flags = -1,
            ChannelId = -1,
            Length = -1,
        };
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = FrameError.Malformed;
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    error = FrameError.Malformed;
                    return false;
                }

                var name = reader.ValueSpan;
                if (!reader.Read())
                {
                    error = FrameError.Malformed;
                    return false;
                }

                ReadField(ref reader, name, ref e);
            }

            // The reader only validates what it has read: make sure the object closed and nothing follows.
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
            {
                error = FrameError.Malformed;
                return false;
            }
        }
        catch (JsonException)
        {
            error = FrameError.Malformed;
            return false;
        }

        result = e;
        error = result.Kind == BitfinexEventKind.Unknown ? FrameError.UnknownEvent : FrameError.None;
        return error == FrameError.None;
    }

    private static void ReadField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref BitfinexEvent e)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var value = reader.ValueSpan;
                if (name.SequenceEqual("event"u8))
                {
                    e.Kind = KindOf(value);
                }
                else if (name.SequenceEqual("channel"u8))
                {
                    e.Channel = value;
                }
                else if (name.SequenceEqual("symbol"u8))
                {
                    e.Symbol = value;
                }
                else if (name.SequenceEqual("prec"u8))
                {
                    e.Precision = value;
                }
                else if (name.SequenceEqual("freq"u8))
                {
                    e.Frequency = value;
                }
                else if (name.SequenceEqual("status"u8))
                {
                    e.Status = value;
                }
                else if (name.SequenceEqual("msg"u8))
                {
                    e.Message = value;
                }
                else if (name.SequenceEqual("len"u8) && JsonScanner.TryParseInt64(value, out var len))
                {
                    e.Length = len;
                }
                else if (name.SequenceEqual("code"u8) && JsonScanner.TryParseInt64(value, out var code))
                {
                    // Old servers sent the code as a string ("20061").
                    e.Code = code;
                }

                break;
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out var number))
                {
                    break;
                }

                if (name.SequenceEqual("code"u8))
                {
                    e.Code = number;
                }
                else if (name.SequenceEqual("version"u8))
                {
                    e.Version = number;
                }
                else if (name.SequenceEqual("flags"u8))
                {
                    e.Flags = number;
                }
                else if (name.SequenceEqual("chanId"u8))
                {
                    e.ChannelId = number;
                }
                else if (name.SequenceEqual("len"u8))
                {
                    e.Length = number;
                }

                break;
            case JsonTokenType.StartObject:
                if (name.SequenceEqual("platform"u8))
                {
                    ReadPlatform(ref reader, ref e);
                }
                else
                {
                    reader.Skip();
                }

                break;
            case JsonTokenType.StartArray:
                reader.Skip();
                break;
        }
    }

    private static void ReadPlatform(ref Utf8JsonReader reader, ref BitfinexEvent e)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var status))
                {
                    e.PlatformStatus = status;
                }
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
    }

    private static BitfinexEventKind KindOf(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("info"u8) => BitfinexEventKind.Info,
        _ when value.SequenceEqual("conf"u8) => BitfinexEventKind.Conf,
        _ when value.SequenceEqual("subscribed"u8) => BitfinexEventKind.Subscribed,
        _ when value.SequenceEqual("unsubscribed"u8) => BitfinexEventKind.Unsubscribed,
        _ when value.SequenceEqual("error"u8) => BitfinexEventKind.Error,
        _ when value.SequenceEqual("pong"u8) => BitfinexEventKind.Pong,
        _ when value.SequenceEqual("auth"u8) => BitfinexEventKind.Auth,
        _ => BitfinexEventKind.Unknown,
    };
}
