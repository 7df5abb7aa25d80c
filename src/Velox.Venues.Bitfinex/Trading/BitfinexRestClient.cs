using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Velox.Trading.Credentials;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>What an authenticated REST call answered.</summary>
/// <param name="HttpStatus">HTTP status (0 when no answer came).</param>
/// <param name="Body">The JSON body of a 200 answer; null otherwise.</param>
/// <param name="Error">Why the call failed (transport, timeout, or the venue's <c>["error",code,"text"]</c>); null on success.</param>
public readonly record struct BitfinexRestResponse(int HttpStatus, byte[]? Body, string? Error)
{
    public bool IsSuccess => Error is null && Body is not null;
}

/// <summary>
/// Authenticated REST v2 calls (docs.bitfinex.com "Authenticated Endpoints"): <c>POST {base}/v2/auth/r/...</c> with a JSON
/// body and the headers <c>bfx-nonce</c>, <c>bfx-apikey</c> and <c>bfx-signature</c> = lowercase hex HMAC-SHA384(secret,
/// "/api" + path + nonce + body). The nonce comes from the <see cref="BitfinexNonce"/> the WebSocket auth uses (one
/// increasing sequence per key). A cold path (reconciliation after a reconnect): it allocates and awaits, never throws
/// for network or venue errors (they come back in <see cref="BitfinexRestResponse.Error"/>).
/// </summary>
public sealed class BitfinexRestClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly VenueCredentials _credentials;
    private readonly BitfinexNonce _nonce;
    private readonly string _apiKey;

    /// <summary>Calls <paramref name="baseUri"/> (the venue: https://api.bitfinex.com/) through <paramref name="http"/>.</summary>
    public BitfinexRestClient(HttpClient http, Uri baseUri, VenueCredentials credentials, BitfinexNonce nonce)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(nonce);
        _http = http;
        _baseUri = baseUri;
        _credentials = credentials;
        _nonce = nonce;
        _apiKey = Encoding.UTF8.GetString(credentials.ApiKeyUtf8.Span);
    }

    /// <summary>Orders history of one symbol: <c>/v2/auth/r/orders/{symbol}/hist</c>.</summary>
    public static string OrdersHistoryPath(string symbol) => $"/v2/auth/r/orders/{symbol}/hist";

    /// <summary>Trades of one order: <c>/v2/auth/r/order/{symbol}:{id}/trades</c>.</summary>
    public static string OrderTradesPath(string symbol, long orderId) =>
        string.Create(CultureInfo.InvariantCulture, $"/v2/auth/r/order/{symbol}:{orderId}/trades");

    /// <summary>The signature of a call: lowercase hex HMAC-SHA384(<paramref name="secret"/>, "/api" + path + nonce + body).</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string path, long nonce, string body) =>
        Convert.ToHexStringLower(HMACSHA384.HashData(secret, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"/api{path}{nonce}{body}"))));

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/>, signed with the next nonce.</summary>
    public async Task<BitfinexRestResponse> PostAsync(string path, string body, CancellationToken cancellationToken)
    {
        try
        {
            var nonce = _nonce.Next();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, path))
            {
                Content = new StringContent(body, Encoding.UTF8),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("bfx-nonce", nonce.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("bfx-apikey", _apiKey);
            request.Headers.TryAddWithoutValidation("bfx-signature", Sign(_credentials.Secret, path, nonce, body));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var isError = IsErrorArray(bytes, out var error);
            return status == 200 && !isError
                ? new BitfinexRestResponse(status, bytes, null)
                : new BitfinexRestResponse(status, null, $"{path}: HTTP {status}{(isError ? ", " + error : string.Empty)}");
        }
        catch (OperationCanceledException)
        {
            return new BitfinexRestResponse(0, null, $"{path}: timed out");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return new BitfinexRestResponse(0, null, $"{path}: {e.Message}");
        }
    }

    /// <summary>Recognises the venue's error body <c>["error",code,"text"]</c> and describes it.</summary>
    public static bool IsErrorArray(ReadOnlySpan<byte> body, out string description)
    {
        description = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read()
                || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("error"u8))
            {
                return false;
            }

            var code = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var c) ? c : 0;
            var text = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            description = string.Create(CultureInfo.InvariantCulture, $"error {code} {text}");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The elements of a JSON array of arrays (orders, trades) as separate byte arrays; false when the body is not one.</summary>
    public static bool TrySplitArray(ReadOnlySpan<byte> body, List<byte[]> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add(body[start..(int)reader.BytesConsumed].ToArray());
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
