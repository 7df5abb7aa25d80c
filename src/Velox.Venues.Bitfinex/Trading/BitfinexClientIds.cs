using Velox.Trading.Orders;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Velox client order id ↔ Bitfinex cid. A Velox id is session &lt;&lt; 40 | counter (see
/// <see cref="ClientOrderIdSource"/>); a Bitfinex cid is an int45 that should be unique per UTC day. The cid
/// is the id's low 45 bits: the 40-bit counter plus the low 5 bits of the session. Going back, the session
/// is the newest one not after the current session whose low 5 bits match, so ids of the last 32
/// sessions map back exactly (older ones resolve to an id the OMS does not know: reported as unknown).
/// Two orders share a cid only if 32 sessions start on one UTC day and reach the same counter value;
/// cancels by cid also carry the cid_date, and orders are cancelled by venue id whenever it is known.
/// </summary>
public static class BitfinexClientIds
{
    /// <summary>Bits of a Bitfinex cid.</summary>
    public const int CidBits = 45;

    /// <summary>Largest cid.</summary>
    public const long MaxCid = (1L << CidBits) - 1;

    private const int SessionBitsInCid = CidBits - ClientOrderIdSource.CounterBits;
    private const long SessionMaskInCid = (1L << SessionBitsInCid) - 1;
    private const long CounterMask = (1L << ClientOrderIdSource.CounterBits) - 1;

    /// <summary>The cid sent for a Velox client order id.</summary>
    public static long ToCid(long clientOrderId) => clientOrderId & MaxCid;

    /// <summary>The Velox client order id a cid stands for, given this process's session; false for cids we cannot have sent.</summary>
    public static bool TryToClientOrderId(long cid, long currentSession, out long clientOrderId)
    {
        clientOrderId = 0;
        if (cid <= 0 || cid > MaxCid || (cid & CounterMask) == 0)
        {
            return false;
        }

        var low = cid >> ClientOrderIdSource.CounterBits;
        var session = (currentSession & ~SessionMaskInCid) | low;
        if (session > currentSession)
        {
            session -= SessionMaskInCid + 1;
        }

        if (session < 1)
        {
            return false;
        }

        clientOrderId = (session << ClientOrderIdSource.CounterBits) | (cid & CounterMask);
        return true;
    }
}
