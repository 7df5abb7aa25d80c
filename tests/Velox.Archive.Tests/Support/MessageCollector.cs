using Velox.Ipc.Subscriptions;

namespace Velox.Archive.Tests.Support;

/// <summary>Copies every whole message (tests only: allocates) and notes when it arrived.</summary>
internal struct MessageCollector : IFragmentHandler
{
    public MessageCollector()
    {
    }

    public List<byte[]> Messages { get; } = [];

    public List<long> ArrivalTicks { get; } = [];

    public readonly void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        Messages.Add(payload.ToArray());
        ArrivalTicks.Add(System.Diagnostics.Stopwatch.GetTimestamp());
    }
}
