namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// An account trade <c>[ID, SYMBOL, MTS_CREATE, ORDER_ID, EXEC_AMOUNT, EXEC_PRICE, ORDER_TYPE, ORDER_PRICE,
/// MAKER, FEE, FEE_CURRENCY, CID]</c> (docs.bitfinex.com "Trades"); FEE and FEE_CURRENCY are null in
/// <c>te</c> and set in <c>tu</c>. Decimals are number tokens.
/// </summary>
public ref struct BitfinexTrade
{
    /// <summary>Trade id: the fill id (the same in te and tu).</summary>
    public long Id;

    public ReadOnlySpan<byte> Symbol;
    public long CreatedMs;
    public long OrderId;

    /// <summary>Executed amount: positive buy, negative sell.</summary>
    public ReadOnlySpan<byte> ExecutedAmount;

    public ReadOnlySpan<byte> ExecutedPrice;

    /// <summary>1 maker, -1 taker, 0 absent.</summary>
    public int Maker;

    /// <summary>Fee token (negative = paid), empty in te.</summary>
    public ReadOnlySpan<byte> Fee;

    /// <summary>Fee currency ("USD", "BTC"), empty in te.</summary>
    public ReadOnlySpan<byte> FeeCurrency;

    /// <summary>Client order id when present (0 otherwise).</summary>
    public long Cid;
}
