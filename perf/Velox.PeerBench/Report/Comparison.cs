using Velox.PeerBench.Replay;

namespace Velox.PeerBench.Report;

/// <summary>Velox and one peer over the same frames; either side may be missing (skipped, with the reason).</summary>
public sealed record Comparison(string Name, string Stream, ThroughputResult? Velox, ThroughputResult? Peer, string? SkipReason = null)
{
    /// <summary>Velox frames/s over the peer's; null when a side is missing.</summary>
    public double? Ratio => Velox is { FramesPerSecond: > 0 } v && Peer is { FramesPerSecond: > 0 } p ? v.FramesPerSecond / p.FramesPerSecond : null;

    /// <summary>True when every book the peer reports has the same top as Velox's; null when a side is missing.</summary>
    public bool? TopsMatch => Velox is null || Peer is null ? null : Match(Velox.Tops, Peer.Tops);

    public static bool Match(IReadOnlyList<TopOfBook> ours, IReadOnlyList<TopOfBook> theirs)
    {
        if (theirs.Count == 0)
        {
            return false;
        }

        foreach (var top in theirs)
        {
            var found = false;
            foreach (var candidate in ours)
            {
                if (candidate == top)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
