using System.Globalization;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// The REST endpoints the depth sync and order entry need: <c>GET /api/v3/depth?symbol=BTCUSDT&amp;limit=1000</c>
/// and <c>GET /api/v3/exchangeInfo</c> (the symbols' filters).
/// The snapshot first publishes pending changes, so its lastUpdateId is the last id on the stream.
/// Errors use Binance's body shape <c>{"code":-1121,"msg":"Invalid symbol."}</c>.
/// </summary>
public sealed class BinanceRestApi
{
    /// <summary>Largest limit Binance accepts.</summary>
    public const int MaxLimit = 5000;

    private readonly VenueExchange _exchange;
    private readonly BinanceOrderEntry? _orders;
    private readonly FrameWriter _writer = new(256 * 1024);
    private readonly Lock _writerLock = new();

    public BinanceRestApi(VenueExchange exchange, BinanceOrderEntry? orders = null)
    {
        _exchange = exchange;
        _orders = orders;
    }

    /// <summary>Snapshots served.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Answers one GET of <paramref name="target"/> (path and query): HTTP status and JSON body.</summary>
    public (int Status, byte[] Body) Handle(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        if (path == "/api/v3/exchangeInfo" && _orders is not null)
        {
            return (200, _orders.ExchangeInfoBody());
        }

        if (path != "/api/v3/depth")
        {
            return (404, """{"code":-1,"msg":"Not found."}"""u8.ToArray());
        }

        string? symbol = null;
        var limit = 100;
        if (query >= 0)
        {
            foreach (var pair in target[(query + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
                if (key == "symbol")
                {
                    symbol = value;
                }
                else if (key == "limit" && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
                {
                    return (400, """{"code":-1100,"msg":"Illegal characters found in parameter 'limit'."}"""u8.ToArray());
                }
            }
        }

        var instrument = symbol is null ? -1 : _exchange.Market.IndexOf(symbol);
        if (instrument < 0)
        {
            return (400, """{"code":-1121,"msg":"Invalid symbol."}"""u8.ToArray());
        }

        lock (_writerLock)
        {
            _writer.Reset();
            lock (_exchange.Gate)
            {
                _exchange.PublishPending(instrument);
                BinanceDialect.WriteSnapshot(_writer, _exchange.Market[instrument], _exchange.UpdateId(instrument), limit);
            }

            Snapshots++;
            return (200, _writer.Written.ToArray());
        }
    }
}
