using Velox.Ipc.Subscriptions;

namespace Velox.MarketData.Streams;

/// <summary>
/// Adapts an <see cref="IMarketDataBatchHandler"/> to <see cref="Subscription.Poll{THandler}"/>: like
/// <see cref="MarketDataFragmentHandler{THandler}"/>, plus the batch-end records.
/// </summary>
public struct MarketDataBatchFragmentHandler<THandler> : IFragmentHandler
    where THandler : struct, IMarketDataBatchHandler
{
    /// <summary>The wrapped handler (a field so its state is read in place).</summary>
    public THandler Handler;

    public MarketDataBatchFragmentHandler(THandler handler) => Handler = handler;

    /// <summary>Fragments that were not a known market-data record.</summary>
    public long Unknown { get; private set; }

    public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
    {
        if (!MarketDataDecoder.DispatchBatched(payload, ref Handler))
        {
            Unknown++;
        }
    }
}
