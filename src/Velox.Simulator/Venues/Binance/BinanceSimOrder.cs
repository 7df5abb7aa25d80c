namespace Velox.Simulator.Venues.Binance;

/// <summary>What the Binance dialect remembers of an order beyond the engine's snapshot: its string id and how it was asked for.</summary>
internal sealed class BinanceSimOrder
{
    public required long OrderId { get; init; }

    public required string ClientId { get; init; }

    public required int Instrument { get; init; }

    public required bool Buy { get; init; }

    /// <summary>LIMIT, MARKET or LIMIT_MAKER.</summary>
    public required string Type { get; init; }

    /// <summary>GTC, IOC, FOK, or empty (MARKET, LIMIT_MAKER).</summary>
    public required string TimeInForce { get; init; }

    /// <summary>Limit price (0 for MARKET), raw at the instrument's price scale.</summary>
    public required long Price { get; init; }

    /// <summary>Quantity asked for, raw at the size scale.</summary>
    public required long Quantity { get; init; }

    public required long CreatedMillis { get; init; }

    /// <summary>Executed quantity so far (size scale) and its quote value (price scale).</summary>
    public long Executed { get; set; }

    /// <inheritdoc cref="Executed"/>
    public long ExecutedQuote { get; set; }
}
