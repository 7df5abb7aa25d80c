using System.Globalization;

namespace Velox.Simulator.Venues.GateIo;

/// <summary>
/// The REST order book the Gate.io book sync needs:
/// <c>GET /api/v4/spot/order_book?currency_pair=BTC_USDT&amp;limit=N&amp;with_id=true</c>. Its <c>id</c> is the
/// last update id on the stream, so the first diff to apply has <c>U &lt;= id+1 &lt;= u</c>. Without
/// <c>with_id=true</c> the body has no id, as at the venue. Errors use Gate.io's body shape
/// <c>{"label":"INVALID_CURRENCY_PAIR","message":".."}</c>.
/// </summary>
public sealed class GateIoRestApi : SnapshotRestApi
{
    /// <summary>Largest limit served (the venue returns at most 1000 levels per side).</summary>
    public const int MaxLimit = 1000;

    /// <summary>Levels per side when no limit is given (the venue's default).</summary>
    public const int DefaultLimit = 10;

    public GateIoRestApi(VenueExchange exchange)
        : base(exchange)
    {
    }

    /// <inheritdoc />
    public override (int Status, byte[] Body) Handle(string target)
    {
        if (ParseTarget(target, out var query) != "/api/v4/spot/order_book")
        {
            return (404, """{"label":"NOT_FOUND","message":"Not found"}"""u8.ToArray());
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return (400, """{"label":"INVALID_PARAM_VALUE","message":"Invalid request parameter `limit` value"}"""u8.ToArray());
        }

        if (!query.TryGetValue("currency_pair", out var pair))
        {
            return (400, """{"label":"MISSING_REQUIRED_PARAM","message":"Missing required parameter: currency_pair"}"""u8.ToArray());
        }

        var instrument = Exchange.Market.IndexOf(pair);
        if (instrument < 0)
        {
            return (400, """{"label":"INVALID_CURRENCY_PAIR","message":"Invalid currency pair"}"""u8.ToArray());
        }

        var withId = query.TryGetValue("with_id", out var flag) && flag == "true";
        return Snapshot(instrument, (writer, market, id) => GateIoDialect.WriteOrderBook(writer, market, withId ? id : -1, limit));
    }
}
