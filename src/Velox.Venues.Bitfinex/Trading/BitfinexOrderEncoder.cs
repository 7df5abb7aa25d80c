using Velox.Core;
using Velox.Core.Numerics;
using Velox.MarketData.Outbound;
using Velox.Trading.Orders;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// Order frames of the authenticated WebSocket (docs.bitfinex.com "New Order", "Cancel Order", "Update
/// Order", "Cancel Order Multi"), written into a caller buffer without allocating. Decimals are exact
/// fixed-point text ("0.5", "-0.0000007"), never a double; a sell is a negative amount.
/// </summary>
public static class BitfinexOrderEncoder
{
    /// <summary><c>[0,"on",null,{"cid":C,"type":T,"symbol":S,"amount":"A","price":"P","flags":F}]</c>; price left out for market orders, flags when 0.</summary>
    public static bool TryWriteNew(
        Span<byte> destination, long cid, ReadOnlySpan<byte> symbol, OrderType type, TimeInForce timeInForce, OrderFlags flags,
        Side side, Price price, int priceScale, Quantity quantity, int sizeScale, out int written)
    {
        written = 0;
        if (!BitfinexOrderTypes.TryMap(type, timeInForce, flags, out var venueType, out var venueFlags, out var hasPrice) || quantity.Raw <= 0)
        {
            return false;
        }

        var w = new RequestWriter(destination);
        w.Append("[0,\"on\",null,{\"cid\":"u8);
        w.Append(cid);
        w.Append(",\"type\":\""u8);
        w.Append(venueType);
        w.Append("\",\"symbol\":\""u8);
        w.Append(symbol);
        w.Append("\",\"amount\":\""u8);
        w.AppendDecimal(side == Side.Bid ? quantity.Raw : -quantity.Raw, sizeScale);
        w.Append("\""u8);
        if (hasPrice)
        {
            w.Append(",\"price\":\""u8);
            w.AppendDecimal(price.Raw, priceScale);
            w.Append("\""u8);
        }

        if (venueFlags != 0)
        {
            w.Append(",\"flags\":"u8);
            w.Append(venueFlags);
        }

        w.Append("}]"u8);
        return w.Finish(out written);
    }

    /// <summary><c>[0,"oc",null,{"id":N}]</c></summary>
    public static bool TryWriteCancel(Span<byte> destination, long venueOrderId, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"oc\",null,{\"id\":"u8);
        w.Append(venueOrderId);
        w.Append("}]"u8);
        return w.Finish(out written);
    }

    /// <summary><c>[0,"oc",null,{"cid":C,"cid_date":"YYYY-MM-DD"}]</c> (before the venue id is known).</summary>
    public static bool TryWriteCancelByCid(Span<byte> destination, long cid, int utcDate, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"oc\",null,{\"cid\":"u8);
        w.Append(cid);
        w.Append(",\"cid_date\":\""u8);
        AppendDate(ref w, utcDate);
        w.Append("\"}]"u8);
        return w.Finish(out written);
    }

    /// <summary>
    /// <c>[0,"ou",null,{"id":N,"price":"P","delta":"D"}]</c>. <paramref name="delta"/> is the change of the order's
    /// size (new quantity minus current quantity) signed like Bitfinex amounts (a sell growing by 0.1 is -0.1); it is
    /// left out when 0. A size change goes as Bitfinex's "delta", not "amount": the venue adds it to
    /// what is still working, so a fill in flight when the amend arrives is not working again afterwards.
    /// </summary>
    public static bool TryWriteAmend(Span<byte> destination, long venueOrderId, Price price, int priceScale, long delta, int sizeScale, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"ou\",null,{\"id\":"u8);
        w.Append(venueOrderId);
        AppendAmendFields(ref w, price, priceScale, delta, sizeScale);
        return w.Finish(out written);
    }

    /// <summary><c>[0,"ou",null,{"cid":C,"cid_date":"YYYY-MM-DD","price":"P","delta":"D"}]</c> (before the venue id is known; delta as in <see cref="TryWriteAmend"/>).</summary>
    public static bool TryWriteAmendByCid(Span<byte> destination, long cid, int utcDate, Price price, int priceScale, long delta, int sizeScale, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"ou\",null,{\"cid\":"u8);
        w.Append(cid);
        w.Append(",\"cid_date\":\""u8);
        AppendDate(ref w, utcDate);
        w.Append("\""u8);
        AppendAmendFields(ref w, price, priceScale, delta, sizeScale);
        return w.Finish(out written);
    }

    /// <summary><c>[0,"oc_multi",null,{"id":[N1,N2,...]}]</c></summary>
    public static bool TryWriteCancelMulti(Span<byte> destination, ReadOnlySpan<long> venueOrderIds, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"oc_multi\",null,{\"id\":["u8);
        for (var i = 0; i < venueOrderIds.Length; i++)
        {
            if (i > 0)
            {
                w.Append(","u8);
            }

            w.Append(venueOrderIds[i]);
        }

        w.Append("]}]"u8);
        return w.Finish(out written);
    }

    /// <summary><c>[0,"oc_multi",null,{"all":1}]</c>: every order of the account (trading and derivatives).</summary>
    public static bool TryWriteCancelAll(Span<byte> destination, out int written)
    {
        var w = new RequestWriter(destination);
        w.Append("[0,\"oc_multi\",null,{\"all\":1}]"u8);
        return w.Finish(out written);
    }

    /// <summary>UTC date as yyyymmdd from epoch nanoseconds (cid_date is the UTC day the order was created).</summary>
    public static int UtcDate(long epochNanos)
    {
        var day = DateOnly.FromDayNumber((int)(epochNanos / 86_400_000_000_000L) + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
        return (day.Year * 10_000) + (day.Month * 100) + day.Day;
    }

    private static void AppendAmendFields(ref RequestWriter w, Price price, int priceScale, long delta, int sizeScale)
    {
        w.Append(",\"price\":\""u8);
        w.AppendDecimal(price.Raw, priceScale);
        if (delta != 0)
        {
            w.Append("\",\"delta\":\""u8);
            w.AppendDecimal(delta, sizeScale);
        }

        w.Append("\"}]"u8);
    }

    private static void AppendDate(ref RequestWriter w, int yyyymmdd)
    {
        Span<byte> text = stackalloc byte[10];
        var year = yyyymmdd / 10_000;
        var month = yyyymmdd / 100 % 100;
        var day = yyyymmdd % 100;
        text[0] = (byte)('0' + (year / 1000 % 10));
        text[1] = (byte)('0' + (year / 100 % 10));
        text[2] = (byte)('0' + (year / 10 % 10));
        text[3] = (byte)('0' + (year % 10));
        text[4] = (byte)'-';
        text[5] = (byte)('0' + (month / 10));
        text[6] = (byte)('0' + (month % 10));
        text[7] = (byte)'-';
        text[8] = (byte)('0' + (day / 10));
        text[9] = (byte)('0' + (day % 10));
        w.Append(text);
    }
}
