using Velox.Ipc.Subscriptions;
using Velox.MarketData.Streams;

namespace Velox.Host.Topology;

/// <summary>Counts whole messages of the raw stream and checks each carries a <see cref="RawFrameHeader"/> (the launcher's view of md's raw output).</summary>
public struct RawFrameTally : IFragmentHandler
{
    /// <summary>Messages with a header and a non-empty frame.</summary>
    public long Frames { get; private set; }

    /// <summary>Frame bytes, headers excluded.</summary>
    public long Bytes { get; private set; }

    /// <summary>Messages too short to carry a frame.</summary>
    public long Malformed { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (RawFrameHeader.TryGetFrame(payload, out var frame) && !frame.IsEmpty)
        {
            Frames++;
            Bytes += frame.Length;
        }
        else
        {
            Malformed++;
        }
    }
}
