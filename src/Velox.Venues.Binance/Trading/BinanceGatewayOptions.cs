namespace Velox.Venues.Binance.Trading;

/// <summary>Behaviour and sizing of a <see cref="BinanceOrderGateway"/>.</summary>
public sealed class BinanceGatewayOptions
{
    /// <summary>recvWindow sent with every signed request in milliseconds (Binance default 5000, maximum 60000; 0 leaves it out).</summary>
    public int RecvWindowMillis { get; init; } = 5_000;

    /// <summary>Bytes of the preallocated request buffer.</summary>
    public int SendBufferSize { get; init; } = 2_048;

    /// <summary>
    /// An order still PendingNew, PendingCancel or PendingReplace this long after its request went out (the answer
    /// was lost) is asked about with order.status, again every as long; 0 never asks. Milliseconds.
    /// </summary>
    public int PendingQueryMillis { get; init; } = 2_000;

    /// <summary>
    /// How long a reconciliation waits for the myTrades answer of an order before it books the missing quantity as one
    /// fill at the average price without fee (as when myTrades fails). Milliseconds.
    /// </summary>
    public int TradeQueryMillis { get; init; } = 2_000;

    /// <summary>Rows of the balance table (assets).</summary>
    public int BalanceCapacity { get; init; } = 64;
}
