using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>
/// A market-data handler that also hears md's batch boundaries (<see cref="BatchEndRecord"/>), through
/// <see cref="MarketDataDecoder.DispatchBatched{THandler}"/> or <see cref="MarketDataBatchFragmentHandler{THandler}"/>.
/// Plain <see cref="IMarketDataHandler"/>s never see the boundaries.
/// </summary>
public interface IMarketDataBatchHandler : IMarketDataHandler
{
    /// <summary>md finished a connector turn that changed <see cref="BatchEndRecord.Instrument"/>'s book: every level of it is applied.</summary>
    void OnBatchEnd(in BatchEndRecord batch);
}
