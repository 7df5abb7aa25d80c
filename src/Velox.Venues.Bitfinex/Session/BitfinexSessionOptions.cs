namespace Velox.Venues.Bitfinex.Session;

/// <summary>Sizing and behaviour of a <see cref="BitfinexMarketDataSession"/>.</summary>
public sealed class BitfinexSessionOptions
{
    /// <summary>Flags sent in the conf request on <see cref="BitfinexMarketDataSession.OnConnected"/>.</summary>
    public BitfinexConfFlags ConfFlags { get; init; } = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum;

    /// <summary>Most subscriptions (Bitfinex allows about 25-30 channels per connection).</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary>Price scale for symbols missing from the registry.</summary>
    public int DefaultPriceScale { get; init; } = BitfinexVenue.DefaultPriceScale;

    /// <summary>Size scale for symbols missing from the registry.</summary>
    public int DefaultSizeScale { get; init; } = BitfinexVenue.DefaultSizeScale;

    /// <summary>Outbound queue capacity in messages.</summary>
    public int OutboundCapacity { get; init; } = 128;

    /// <summary>Largest outbound message in bytes (auth requests are about 300 bytes, cancel-multi grows with its ids).</summary>
    public int OutboundSlotSize { get; init; } = 512;
}
