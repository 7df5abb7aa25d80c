using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Velox.Core.Instruments;
using Velox.Trading.Credentials;
using Velox.Trading.Orders;

namespace Velox.Venues.Binance.Trading;

/// <summary>What <c>POST /api/v3/order</c> answered.</summary>
/// <param name="HttpStatus">HTTP status (200 on success).</param>
/// <param name="OrderId">orderId of the placed order (0 on failure).</param>
/// <param name="ErrorCode">Binance error code on failure (0 when the body had none).</param>
/// <param name="ErrorMessage">Binance error text on failure.</param>
/// <param name="Code">The reject code the gateway would book for this answer.</param>
public readonly record struct BinanceRestOrderResult(int HttpStatus, long OrderId, int ErrorCode, string? ErrorMessage, BinanceRejectCode Code)
{
    public bool IsSuccess => HttpStatus == 200 && OrderId != 0;
}

/// <summary>
/// REST fallback for order placement (developers.binance.com "New order (TRADE)": <c>POST /api/v3/order</c>, the
/// signed parameters as an <c>application/x-www-form-urlencoded</c> body, the key in the <c>X-MBX-APIKEY</c>
/// header). A cold path for when the WebSocket API is unavailable: it allocates and awaits.
/// </summary>
public sealed class BinanceRestOrderClient
{
    private readonly HttpClient _http;
    private readonly Uri _orderUri;
    private readonly VenueCredentials _credentials;

    public BinanceRestOrderClient(HttpClient http, Uri baseUri, VenueCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(credentials);
        _http = http;
        _orderUri = new Uri(baseUri, "/api/v3/order");
        _credentials = credentials;
    }

    /// <summary>Builds the request (signed body, key header); throws <see cref="ArgumentException"/> for an order Binance cannot take.</summary>
    public HttpRequestMessage BuildPlaceRequest(long clientOrderId, Instrument instrument, OrderRequest order, long timestampMillis, int recvWindowMillis)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var body = new byte[1024];
        if (!BinanceOrderEncoder.TryWriteRestOrder(
            body, _credentials.Secret, clientOrderId, instrument.SymbolUtf8.Span, order.Side, order.Type, order.TimeInForce,
            order.Price, instrument.PriceScale, order.Quantity, instrument.SizeScale, timestampMillis, recvWindowMillis, out var written))
        {
            throw new ArgumentException($"Binance spot cannot take a {order.Type} {order.TimeInForce} order of quantity {order.Quantity.Raw}", nameof(order));
        }

        var content = new ByteArrayContent(body, 0, written);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, _orderUri) { Content = content };
        request.Headers.TryAddWithoutValidation("X-MBX-APIKEY", Encoding.ASCII.GetString(_credentials.ApiKeyUtf8.Span));
        return request;
    }

    /// <summary>Places an order over REST. Network failures surface as <see cref="HttpRequestException"/>; venue errors as a result.</summary>
    public async Task<BinanceRestOrderResult> PlaceAsync(
        long clientOrderId, Instrument instrument, OrderRequest order, long timestampMillis, int recvWindowMillis, CancellationToken cancellationToken = default)
    {
        using var request = BuildPlaceRequest(clientOrderId, instrument, order, timestampMillis, recvWindowMillis);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ParseResponse((int)response.StatusCode, text);
    }

    /// <summary>Parses a <c>POST /api/v3/order</c> answer: an order object (orderId) or <c>{"code":..,"msg":..}</c>.</summary>
    public static BinanceRestOrderResult ParseResponse(int httpStatus, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failure(httpStatus, 0, "response is not a JSON object");
            }

            if (httpStatus == 200 && root.TryGetProperty("orderId", out var id) && id.TryGetInt64(out var orderId))
            {
                return new BinanceRestOrderResult(httpStatus, orderId, 0, null, BinanceRejectCode.None);
            }

            var code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : 0;
            var message = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return Failure(httpStatus, code, message ?? $"HTTP {httpStatus} without an order");
        }
        catch (JsonException e)
        {
            return Failure(httpStatus, 0, $"response is not JSON: {e.Message}");
        }
    }

    private static BinanceRestOrderResult Failure(int status, int code, string message) =>
        new(status, 0, code, message, BinanceRejectCodes.FromVenueError(code, status));
}
