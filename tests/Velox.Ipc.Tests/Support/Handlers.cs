using Velox.Ipc.Subscriptions;

namespace Velox.Ipc.Tests.Support;

/// <summary>Copies every delivered payload (tests only: allocates).</summary>
internal struct CollectingHandler : IFragmentHandler
{
    public CollectingHandler()
    {
    }

    public List<byte[]> Messages { get; } = [];

    public List<byte> Flags { get; } = [];

    public List<long> Positions { get; } = [];

    public readonly void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        Messages.Add(payload.ToArray());
        Flags.Add(header.Flags);
        Positions.Add(header.Position);
    }
}

/// <summary>Counts and sums without allocating.</summary>
internal struct CountingHandler : IFragmentHandler
{
    public long Count;
    public long Bytes;

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        Count++;
        Bytes += payload.Length;
    }
}
