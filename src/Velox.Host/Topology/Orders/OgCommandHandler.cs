using Velox.Ipc.Subscriptions;

namespace Velox.Host.Topology.Orders;

/// <summary>og's reader of the engine → og order stream (a struct so the poll's call inlines).</summary>
public readonly struct OgCommandHandler : IFragmentHandler
{
    private readonly OgService _og;

    public OgCommandHandler(OgService og) => _og = og;

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (OrderCommand.TryRead(payload, out var command))
        {
            _og.OnCommand(command);
        }
        else
        {
            _og.OnMalformedCommand();
        }
    }
}
