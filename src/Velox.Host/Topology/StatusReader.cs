using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology;

/// <summary>Keeps the latest record of a status stream (md or engine); the launcher polls it on its cold loop.</summary>
public struct StatusReader : IFragmentHandler
{
    private readonly byte[] _latest;

    public StatusReader(int length) => _latest = new byte[length];

    /// <summary>Records received so far.</summary>
    public long Received { get; private set; }

    /// <summary>The latest record (zeros before the first).</summary>
    public readonly ReadOnlySpan<byte> Latest => _latest;

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (payload.Length >= _latest.Length)
        {
            payload[.._latest.Length].CopyTo(_latest);
            Received++;
        }
    }
}
