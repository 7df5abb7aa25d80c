namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>A wallet array <c>[WALLET_TYPE, CURRENCY, BALANCE, UNSETTLED_INTEREST, BALANCE_AVAILABLE, DESCRIPTION, META]</c>.</summary>
public ref struct BitfinexWalletEntry
{
    /// <summary>"exchange", "margin" or "funding".</summary>
    public ReadOnlySpan<byte> WalletType;

    public ReadOnlySpan<byte> Currency;
    public ReadOnlySpan<byte> Balance;

    /// <summary>Empty when null (the server has no fresh value).</summary>
    public ReadOnlySpan<byte> Available;
}
