namespace Velox.Venues.Bitfinex.Trading;

/// <summary>Behaviour and sizing of a <see cref="BitfinexOrderGateway"/>.</summary>
public sealed class BitfinexGatewayOptions
{
    /// <summary>
    /// Dead-man switch sent with auth: 4 makes Bitfinex cancel every order of the account when the socket
    /// closes (recommended for unattended trading); 0 leaves orders working across disconnects.
    /// </summary>
    public int DeadManSwitch { get; init; } = BitfinexAuth.DeadManSwitchCancelAll;

    /// <summary>
    /// Book fills from <c>tu</c> only (exact fee and fee currency, 25-40 ms later) instead of from whichever
    /// of <c>te</c>/<c>tu</c> comes first (lowest latency; a fee that arrives with the later <c>tu</c> is then
    /// counted in <see cref="BitfinexOrderGateway.FeesNotBooked"/> rather than in the order and position).
    /// </summary>
    public bool FillsFromTradeUpdateOnly { get; init; }

    /// <summary>Venue order ids remembered for mapping trades back to orders (oldest forgotten first).</summary>
    public int VenueIdHistory { get; init; } = 16_384;

    /// <summary>Highest instrument id the gateway serves (sizes per-instrument tables).</summary>
    public int MaxInstruments { get; init; } = 1_024;

    /// <summary>Venue ids of unknown orders (in the snapshot, not ours) kept for the operator.</summary>
    public int UnknownOrderHistory { get; init; } = 64;

    /// <summary>
    /// Base address of the authenticated REST API (the venue: https://api.bitfinex.com/; the simulator reports its own).
    /// Set, orders that traded or closed while the connection was down are reconciled from the orders history and order
    /// trades after each (re)auth; null, orders missing from the <c>os</c> snapshot are closed unverified.
    /// </summary>
    public Uri? RestBaseUri { get; init; }

    /// <summary>How long a REST reconciliation may take before its orders are closed unverified (and it counts as failed).</summary>
    public TimeSpan RestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows of the wallet table.</summary>
    public int WalletCapacity { get; init; } = 64;
}
