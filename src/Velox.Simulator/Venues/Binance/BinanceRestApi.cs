using System.Globalization;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// The REST endpoints the depth sync and order entry need: <c>GET /api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>
/// and, with order entry, <c>GET /api/v3/exchangeInfo</c> (the symbols' filters). Over a USD-M futures
/// <see cref="BinanceDialect"/> the depth path is <c>/fapi/v1/depth</c> (limit up to 1000, body with E and T).
/// The snapshot first publishes pending changes, so its lastUpdateId is the last id on the stream.
/// Errors use Binance's body shape <c>{"code":-1121,"msg":"Invalid symbol."}</c>. MEXC's spot v3 REST documents
/// the same depth path, query, body and error shape, so the MEXC dialect serves its snapshots with this class too.
/// </summary>
public sealed class BinanceRestApi : SnapshotRestApi
{
    /// <summary>Largest limit Binance spot accepts.</summary>
    public const int MaxLimit = 5000;

    /// <summary>Largest limit Binance USD-M futures accepts.</summary>
    public const int MaxUsdmLimit = 1000;

    private readonly BinanceOrderEntry? _orders;
    private readonly bool _usdm;

    public BinanceRestApi(VenueExchange exchange, BinanceOrderEntry? orders = null)
        : base(exchange)
    {
        _orders = orders;
        _usdm = exchange.Dialect is BinanceDialect { UsdmFutures: true };
    }

    /// <inheritdoc />
    public override (int Status, byte[] Body) Handle(string target)
    {
        var path = ParseTarget(target, out var query);
        if (path == "/api/v3/exchangeInfo" && _orders is not null)
        {
            return (200, _orders.ExchangeInfoBody());
        }

        if (path != (_usdm ? "/fapi/v1/depth" : "/api/v3/depth"))
        {
            return (404, """{"code":-1,"msg":"Not found."}"""u8.ToArray());
        }

        var limit = 100;
        if (query.TryGetValue("limit", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > (_usdm ? MaxUsdmLimit : MaxLimit)))
        {
            return (400, """{"code":-1100,"msg":"Illegal characters found in parameter 'limit'."}"""u8.ToArray());
        }

        var instrument = query.TryGetValue("symbol", out var symbol) ? Exchange.Market.IndexOf(symbol) : -1;
        if (instrument < 0)
        {
            return (400, """{"code":-1121,"msg":"Invalid symbol."}"""u8.ToArray());
        }

        return Snapshot(instrument, (writer, market, id) => BinanceDialect.WriteSnapshot(writer, market, id, limit, _usdm, Exchange.NowMillis));
    }
}
