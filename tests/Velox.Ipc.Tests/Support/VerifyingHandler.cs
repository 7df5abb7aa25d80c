using Velox.Ipc.Subscriptions;

namespace Velox.Ipc.Tests.Support;

/// <summary>Checks every whole message: checksum intact, and per publisher each sequence exactly once, in order.</summary>
internal struct VerifyingHandler : IFragmentHandler
{
    public long[] NextSequence;
    public long Received;
    public long Corrupt;
    public long OutOfOrder;

    public VerifyingHandler(int publishers)
    {
        NextSequence = new long[publishers];
        Received = 0;
        Corrupt = 0;
        OutOfOrder = 0;
    }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (payload.Length < TestMessages.HeaderLength || !TestMessages.Read(payload, out var publisher, out var sequence) ||
            (uint)publisher >= (uint)NextSequence.Length)
        {
            Corrupt++;
            return;
        }

        if (sequence != NextSequence[publisher])
        {
            OutOfOrder++;
        }

        NextSequence[publisher] = sequence + 1;
        Received++;
    }
}
