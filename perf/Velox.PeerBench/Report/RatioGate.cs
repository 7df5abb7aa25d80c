using System.Globalization;

namespace Velox.PeerBench.Report;

/// <summary>The speed-ratio floors of perf/gates.json applied to comparisons: a miss names the comparison and the floor.</summary>
public static class RatioGate
{
    /// <summary>Null when Velox/peer is at or above <paramref name="floor"/>; otherwise why not, naming the comparison and <paramref name="floorKey"/>.</summary>
    public static string? Check(Comparison comparison, double floor, string floorKey)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Ratio is not { } ratio)
        {
            return $"{comparison.Name}: no Velox/peer ratio ({comparison.SkipReason ?? "a side did not run"}); floor {floorKey} = {floor.ToString(CultureInfo.InvariantCulture)}";
        }

        return ratio >= floor
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{comparison.Name}: Velox/peer {ratio:N2}x ({comparison.Velox!.FramesPerSecond:N0} vs {comparison.Peer!.FramesPerSecond:N0} frames/s) is below the floor {floor} ({floorKey} in perf/gates.json)");
    }
}
