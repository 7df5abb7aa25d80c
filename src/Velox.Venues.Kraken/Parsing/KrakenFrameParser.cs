using Velox.Core.Numerics;
using Velox.MarketData.Json;

namespace Velox.Venues.Kraken.Parsing;

/// <summary>Number helpers shared by the Kraken channel parsers.</summary>
public static class KrakenFrameParser
{
    private const int TimeScale = 6;

    /// <summary>Parses a decimal text into raw units of 10^-scale.</summary>
    public static bool TryParseFixed(ReadOnlySpan<byte> text, int scale, out long raw, out FrameError error)
    {
        if (FixedPoint.TryParse(text, scale, out raw, out var status))
        {
            error = FrameError.None;
            return true;
        }

        error = status switch
        {
            FixedParseStatus.TooManyDecimals => FrameError.TooManyDecimals,
            FixedParseStatus.Overflow => FrameError.NumberOverflow,
            _ => FrameError.InvalidNumber,
        };
        return false;
    }

    /// <summary>Unix seconds with microseconds ("1618678142.557535") to Unix milliseconds.</summary>
    public static bool TryParseTimeMs(ReadOnlySpan<byte> text, out long milliseconds)
    {
        milliseconds = 0;
        if (!FixedPoint.TryParse(text, TimeScale, out var micros) || micros < 0)
        {
            return false;
        }

        milliseconds = micros / 1000;
        return true;
    }

    /// <summary>
    /// Reads the array at the scanner and returns the text of element <paramref name="wanted"/> (strings
    /// unquoted, bare numbers as they are); the other elements are skipped.
    /// </summary>
    public static bool TryReadElement(scoped ref JsonScanner s, int wanted, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (!s.TryConsume((byte)'['))
        {
            return false;
        }

        var index = 0;
        JsonStep step;
        while ((step = s.NextElement(ref index)) == JsonStep.Item)
        {
            var ok = index - 1 == wanted ? s.TryReadNumberText(out text) : s.TrySkipValue();
            if (!ok)
            {
                return false;
            }
        }

        return step == JsonStep.End && !text.IsEmpty;
    }
}
