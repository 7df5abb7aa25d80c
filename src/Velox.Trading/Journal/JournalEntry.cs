using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Trading.Oms;
using Velox.Trading.Orders;

namespace Velox.Trading.Journal;

/// <summary>One journal record, decoded (see <see cref="JournalLayout"/> for the bytes). Fields a record type does not use are zero.</summary>
public struct JournalEntry
{
    public JournalRecordType Type;

    /// <summary>Risk reason, OMS outcome or venue reject code, depending on <see cref="Type"/>.</summary>
    public ushort Code;

    public long Sequence;

    public long MonotonicNanos;

    public long WallNanos;

    public long ClientOrderId;

    public long VenueOrderId;

    public long FillId;

    public Price Price;

    public Quantity Quantity;

    public long Fee;

    public InstrumentId Instrument;

    public Side Side;

    public OrderType OrderType;

    public TimeInForce TimeInForce;

    public OrderFlags Flags;

    public Liquidity Liquidity;

    public ExecType ExecType;
}
