using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Orders;

namespace Velox.Strategies.Execution;

/// <summary>The dry-run sink: hands every command to a <see cref="DryRunVenue"/>, which records it and sends nothing.</summary>
public readonly struct DryRunSink : IOrderSink
{
    public DryRunSink(DryRunVenue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        Venue = venue;
    }

    /// <summary>The recorder behind this sink.</summary>
    public DryRunVenue Venue { get; }

    public ExecutionMode Mode => ExecutionMode.DryRun;

    public bool TrySendNew(long clientOrderId, in OrderRequest order) => Venue.New(clientOrderId, order);

    public bool TrySendCancel(long clientOrderId, InstrumentId instrument) => Venue.Cancel(clientOrderId, instrument);

    public bool TrySendAmend(long clientOrderId, InstrumentId instrument, Price price, Quantity quantity) => Venue.Amend(clientOrderId, instrument, price, quantity);

    public bool TrySendCancelAll(InstrumentId instrument) => Venue.CancelAll(instrument);
}
