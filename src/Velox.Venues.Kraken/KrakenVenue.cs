namespace Velox.Venues.Kraken;

/// <summary>Constants of the Kraken WebSocket v1 public API.</summary>
public static class KrakenVenue
{
    /// <summary>Venue name used in the instrument registry.</summary>
    public const string Name = "kraken";

    /// <summary>Public endpoint.</summary>
    public const string PublicUrl = "wss://ws.kraken.com";

    /// <summary>
    /// Price decimals for fiat-quoted pairs not in the registry: Kraken prints up to 8 (XMR/USD
    /// "354.15000000") and resting orders reach 9,999,999,997 (XBT/CHF), which only 8 decimals still hold.
    /// </summary>
    public const int FiatQuotedPriceScale = 8;

    /// <summary>
    /// Price decimals for crypto-quoted pairs not in the registry: up to 9 are printed (GRT/ETH
    /// "0.000835600"); one more keeps headroom, and prices up to 9.2e8 of the quote still fit.
    /// </summary>
    public const int CryptoQuotedPriceScale = 10;

    /// <summary>Size decimals for pairs not in the registry: Kraken volumes carry 8.</summary>
    public const int DefaultSizeScale = 8;

    /// <summary>Book depth Kraken uses when a subscription gives none.</summary>
    public const int DefaultBookDepth = 10;

    /// <summary>Levels per side that the checksum covers.</summary>
    public const int ChecksumDepth = 10;

    /// <summary>Default price decimals of a pair ("XBT/CHF"), chosen by its quote currency.</summary>
    public static int DefaultPriceScale(ReadOnlySpan<byte> pair)
    {
        var slash = pair.LastIndexOf((byte)'/');
        var quote = slash >= 0 ? pair[(slash + 1)..] : pair;
        return quote.SequenceEqual("USD"u8) || quote.SequenceEqual("EUR"u8) || quote.SequenceEqual("GBP"u8)
            || quote.SequenceEqual("CHF"u8) || quote.SequenceEqual("JPY"u8) || quote.SequenceEqual("CAD"u8)
            || quote.SequenceEqual("AUD"u8) || quote.SequenceEqual("AED"u8)
            ? FiatQuotedPriceScale
            : CryptoQuotedPriceScale;
    }
}
