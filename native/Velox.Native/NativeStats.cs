using System.Runtime.InteropServices;

namespace Velox.Native;

/// <summary>velox_stats: counters of one engine. The layout is ABI and mirrored, with static asserts, in velox.h.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NativeStats
{
    public long Frames;
    public long Events;
    public long Heartbeats;
    public long BookSnapshots;
    public long BookUpdates;
    public long SequenceGaps;
    public long ChecksumsVerified;
    public long ChecksumMismatches;
    public long ChecksumsSkipped;
    public long Resyncs;
    public long Errors;

    /// <summary>Requests (subscribe, unsubscribe) the session wanted sent; the engine has no transport, so they are only counted.</summary>
    public long RequestsDropped;

    /// <summary>Reason of the last rejected frame (Bitfinex FrameError value; 0 none).</summary>
    public int LastError;

    /// <summary>Subscriptions the engine knows (adopted from "subscribed" events).</summary>
    public int Subscriptions;
}
