using System.Runtime.CompilerServices;
using Velox.Core.Numerics;

namespace Velox.MarketData.Feeds;

/// <summary>Fixed-point parsing of feed number tokens with the failure as a <see cref="FeedError"/>.</summary>
public static class FeedNumbers
{
    /// <summary>Parses a decimal token (quotes already stripped) at <paramref name="scale"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseFixed(ReadOnlySpan<byte> token, int scale, out long raw, out FeedError error)
    {
        if (FixedPoint.TryParse(token, scale, out raw, out var status))
        {
            error = FeedError.None;
            return true;
        }

        error = ToError(status);
        return false;
    }

    /// <summary>Maps a fixed-point parse status to the feed error it stands for.</summary>
    public static FeedError ToError(FixedParseStatus status) => status switch
    {
        FixedParseStatus.Ok => FeedError.None,
        FixedParseStatus.TooManyDecimals => FeedError.TooManyDecimals,
        FixedParseStatus.Overflow => FeedError.NumberOverflow,
        _ => FeedError.InvalidNumber,
    };
}
