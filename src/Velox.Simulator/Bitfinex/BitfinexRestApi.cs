using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Simulator.Hosting;
using Velox.Simulator.Matching;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// The authenticated REST v2 read endpoints a client needs to find what happened while its WebSocket was down
/// (docs.bitfinex.com "Orders History", "Order Trades"), from the same <see cref="MatchingEngine"/> the WebSocket
/// sessions trade on:
/// <c>POST /v2/auth/r/orders/{symbol}/hist</c> (body <c>{"id":[...],"limit":N}</c>, both optional) answers the account's
/// closed orders, newest first; <c>POST /v2/auth/r/order/{symbol}:{id}/trades</c> answers the order's trades. Requests are
/// signed as the venue signs them: headers <c>bfx-apikey</c>, <c>bfx-nonce</c> (greater than every nonce the key used,
/// WebSocket auth included) and <c>bfx-signature</c> = hex HMAC-SHA384(secret, "/api" + path + nonce + body). Errors are
/// the venue's: HTTP 500 with <c>["error",CODE,"text"]</c>.
/// </summary>
public sealed class BitfinexRestApi
{
    /// <summary>Orders history answers at most this many orders (the venue's maximum limit).</summary>
    public const int MaxLimit = 2500;

    /// <summary>Orders history answers this many orders without a limit (the venue's default).</summary>
    public const int DefaultLimit = 25;

    /// <summary>Error code of a request whose parameters are wrong (bad body, unknown symbol).</summary>
    public const int ParamsError = 10020;

    private const string AuthPrefix = "/v2/auth/r/";

    private readonly MatchingEngine _engine;
    private readonly FrameWriter _writer = new(64 * 1024);
    private readonly Lock _writerLock = new();
    private long _refusedAuth;
    private long _answered;

    public BitfinexRestApi(MatchingEngine engine) => _engine = engine;

    /// <summary>Requests refused for their key, signature or nonce.</summary>
    public long RefusedAuth => Interlocked.Read(ref _refusedAuth);

    /// <summary>Requests answered with data (200).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Answers one request (any thread): HTTP status and JSON body.</summary>
    public (int Status, byte[] Body) Handle(RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Target;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        var orderTrades = path.StartsWith(AuthPrefix + "order/", StringComparison.Ordinal) && path.EndsWith("/trades", StringComparison.Ordinal);
        var ordersHistory = path.StartsWith(AuthPrefix + "orders/", StringComparison.Ordinal) && path.EndsWith("/hist", StringComparison.Ordinal);
        if (!orderTrades && !ordersHistory)
        {
            return (404, Error(ParamsError, "request: not found"));
        }

        if (request.Method != "POST")
        {
            return (405, Error(ParamsError, "request: method not allowed"));
        }

        if (!TryAuthenticate(request, path, out var account, out var refusal))
        {
            Interlocked.Increment(ref _refusedAuth);
            return (500, refusal);
        }

        if (!TryReadBody(request.Body, out var ids, out var limit))
        {
            return (500, Error(ParamsError, "body: invalid"));
        }

        if (ordersHistory)
        {
            var symbol = path[(AuthPrefix.Length + "orders/".Length)..^"/hist".Length];
            var instrument = _engine.FindInstrument(symbol);
            return instrument < 0 ? (500, Error(ParamsError, "symbol: invalid")) : OrdersHistory(account, instrument, ids, limit);
        }

        // "{symbol}:{id}": symbols may hold a colon themselves (tTESTBTC:TESTUSD), the id follows the last one.
        var key = path[(AuthPrefix.Length + "order/".Length)..^"/trades".Length];
        var colon = key.LastIndexOf(':');
        var instrumentOfOrder = colon > 0 ? _engine.FindInstrument(key.AsSpan(0, colon)) : -1;
        if (instrumentOfOrder < 0 || !long.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
        {
            return (500, Error(ParamsError, "symbol: invalid"));
        }

        return OrderTrades(account, instrumentOfOrder, orderId);
    }

    /// <summary>The venue's error body: <c>["error",code,"text"]</c> (texts are the simulator's own, needing no escapes).</summary>
    public static byte[] Error(int code, string text) =>
        Encoding.UTF8.GetBytes($"[\"error\",{code.ToString(CultureInfo.InvariantCulture)},\"{text}\"]");

    private bool TryAuthenticate(RestRequest request, string path, out int account, out byte[] refusal)
    {
        account = -1;
        refusal = [];
        if (!request.Headers.TryGetValue("bfx-apikey", out var apiKey) || (account = _engine.FindAccount(apiKey)) < 0)
        {
            refusal = Error(BitfinexCodes.AuthFailed, "apikey: invalid");
            return false;
        }

        request.Headers.TryGetValue("bfx-nonce", out var nonceText);
        request.Headers.TryGetValue("bfx-signature", out var signature);
        var signed = Encoding.UTF8.GetBytes("/api" + path + nonceText);
        var payload = new byte[signed.Length + request.Body.Length];
        signed.CopyTo(payload, 0);
        request.Body.CopyTo(payload, signed.Length);
        var expected = Convert.ToHexStringLower(HMACSHA384.HashData(_engine.Secret(account), payload));
        if (signature is null || !string.Equals(expected, signature, StringComparison.OrdinalIgnoreCase))
        {
            refusal = Error(BitfinexCodes.AuthFailed, "apikey: digest invalid");
            return false;
        }

        if (!long.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce) || !_engine.TryAdvanceNonce(account, nonce))
        {
            refusal = Error(BitfinexCodes.NonceSmall, "nonce: small");
            return false;
        }

        return true;
    }

    private static bool TryReadBody(byte[] body, out long[] ids, out int limit)
    {
        ids = [];
        limit = DefaultLimit;
        if (body.Length == 0)
        {
            return true;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (json.RootElement.TryGetProperty("id", out var idArray))
            {
                if (idArray.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                ids = new long[idArray.GetArrayLength()];
                var i = 0;
                foreach (var id in idArray.EnumerateArray())
                {
                    if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out ids[i++]))
                    {
                        return false;
                    }
                }
            }

            if (json.RootElement.TryGetProperty("limit", out var limitValue))
            {
                if (limitValue.ValueKind != JsonValueKind.Number || !limitValue.TryGetInt32(out limit) || limit < 1)
                {
                    return false;
                }

                limit = Math.Min(limit, MaxLimit);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private (int Status, byte[] Body) OrdersHistory(int account, int instrument, long[] ids, int limit)
    {
        var orders = new List<SimOrderSnapshot>();
        _engine.CopyClosedOrders(account, instrument, ids, ids.Length > 0 ? Math.Max(limit, ids.Length) : limit, orders);
        var spec = _engine.Instrument(instrument);
        lock (_writerLock)
        {
            _writer.Reset();
            _writer.Byte((byte)'[');
            for (var i = 0; i < orders.Count; i++)
            {
                if (i > 0)
                {
                    _writer.Byte((byte)',');
                }

                BitfinexArrays.WriteOrder(_writer, orders[i], spec);
            }

            _writer.Byte((byte)']');
            Interlocked.Increment(ref _answered);
            return (200, _writer.Written.ToArray());
        }
    }

    private (int Status, byte[] Body) OrderTrades(int account, int instrument, long orderId)
    {
        var fills = new List<ExecutionEvent>();
        _engine.CopyFills(account, orderId, fills);
        var spec = _engine.Instrument(instrument);
        lock (_writerLock)
        {
            _writer.Reset();
            _writer.Byte((byte)'[');
            var written = 0;
            foreach (var fill in fills)
            {
                if (fill.Order.Instrument != instrument)
                {
                    continue;
                }

                if (written++ > 0)
                {
                    _writer.Byte((byte)',');
                }

                BitfinexArrays.WriteTrade(_writer, fill, spec, _engine.Currencies[fill.Currency]);
            }

            _writer.Byte((byte)']');
            Interlocked.Increment(ref _answered);
            return (200, _writer.Written.ToArray());
        }
    }
}
