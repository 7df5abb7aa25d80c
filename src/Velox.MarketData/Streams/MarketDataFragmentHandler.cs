using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>
/// Adapts an <see cref="IMarketDataHandler"/> to <see cref="Subscription.Poll{THandler}"/>. Records are smaller than
/// any MTU, so every fragment is a whole record and no assembler is needed.
/// </summary>
public struct MarketDataFragmentHandler<THandler> : IFragmentHandler
    where THandler : struct, IMarketDataHandler
{
    /// <summary>The wrapped handler (a field so its state is read in place).</summary>
    public THandler Handler;

    public MarketDataFragmentHandler(THandler handler) => Handler = handler;

    /// <summary>Fragments that were not a known market-data record.</summary>
    public long Unknown { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (!MarketDataDecoder.Dispatch(payload, ref Handler))
        {
            Unknown++;
        }
    }
}
