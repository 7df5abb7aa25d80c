using Velox.Ipc.Subscriptions;

namespace Velox.Archive.Recording;

/// <summary>Passes polled blocks to the segment writer (a struct so the poll loop calls it directly).</summary>
internal readonly struct RecordingBlockHandler(SegmentWriter writer) : IBlockHandler
{
    public void OnBlock(ReadOnlySpan<byte> block, long position) => writer.Write(block, position);
}
