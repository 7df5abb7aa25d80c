namespace Velox.Venues.Bitfinex.Trading.Parsing;

/// <summary>
/// An order array <c>[ID, GID, CID, SYMBOL, MTS_CREATE, MTS_UPDATE, AMOUNT, AMOUNT_ORIG, TYPE, TYPE_PREV,
/// MTS_TIF, _, FLAGS, STATUS, _, _, PRICE, PRICE_AVG, ...]</c> as views over the frame. Null integers are 0,
/// null texts empty; decimal fields are the number tokens (parsed at the instrument's scale by the caller).
/// The array has 26 to 32 fields across API versions: fields past PRICE_AVG are skipped.
/// </summary>
public ref struct BitfinexOrder
{
    public long Id;
    public long GroupId;
    public long Cid;
    public ReadOnlySpan<byte> Symbol;
    public long CreatedMs;

    /// <summary>Amount still working; positive buy, negative sell.</summary>
    public ReadOnlySpan<byte> Amount;

    /// <summary>Original amount.</summary>
    public ReadOnlySpan<byte> AmountOriginal;

    public ReadOnlySpan<byte> Type;
    public long Flags;

    /// <summary>Full status text, e.g. "EXECUTED @ 107.6(-0.2)".</summary>
    public ReadOnlySpan<byte> StatusText;

    public BitfinexOrderStatus Status;
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> PriceAverage;

    /// <summary>Number of fields the array had.</summary>
    public int FieldCount;
}
