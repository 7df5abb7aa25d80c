using System.Net;
using Velox.Core.Time;

namespace Velox.MarketData.Rest;

/// <summary>
/// <see cref="ISnapshotClient"/> over <see cref="HttpClient"/>: per-attempt timeout, exponential
/// backoff on timeouts, transport errors, 5xx and 408, the server's Retry-After on 429/418, and a
/// weight rate limit shared by every fetch of this client (one client per venue). Cold path.
/// </summary>
public sealed class HttpSnapshotClient : ISnapshotClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SnapshotClientOptions _options;
    private readonly WeightRateLimiter _limiter;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    public HttpSnapshotClient(SnapshotClientOptions options, IClock? clock = null)
        : this(new HttpClient(), options, clock, delay: null, ownsHttp: true)
    {
    }

    /// <summary>Creates a client over <paramref name="http"/>; <paramref name="delay"/> replaces Task.Delay in tests.</summary>
    public HttpSnapshotClient(HttpClient http, SnapshotClientOptions options, IClock? clock, Func<TimeSpan, CancellationToken, Task>? delay, bool ownsHttp = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
        _limiter = new WeightRateLimiter(options.RateLimitWeight, options.RateWindow, clock ?? MonotonicClock.Instance);
        _delay = delay ?? Task.Delay;
    }

    /// <summary>Time spent waiting for the rate limit, summed over all fetches.</summary>
    public TimeSpan RateLimitWaited { get; private set; }

    public async Task<SnapshotResponse> FetchAsync(string pathAndQuery, int weight, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.BaseAddress, pathAndQuery);
        var status = SnapshotStatus.TransportError;
        var httpStatus = 0;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return new SnapshotResponse(SnapshotStatus.Cancelled, null, httpStatus, attempt - 1);
            }

            while (!_limiter.TryAcquire(weight, out var wait))
            {
                RateLimitWaited += wait;
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var retryAfter = TimeSpan.Zero;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    httpStatus = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                        return new SnapshotResponse(SnapshotStatus.Ok, body, httpStatus, attempt);
                    }

                    status = SnapshotStatus.HttpError;
                    if (!IsRetryable(response.StatusCode))
                    {
                        return new SnapshotResponse(status, null, httpStatus, attempt);
                    }

                    retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    status = SnapshotStatus.Timeout;
                }
                catch (OperationCanceledException)
                {
                    return new SnapshotResponse(SnapshotStatus.Cancelled, null, httpStatus, attempt);
                }
                catch (HttpRequestException)
                {
                    status = SnapshotStatus.TransportError;
                }
            }

            if (attempt < _options.MaxAttempts)
            {
                var backoff = Backoff(attempt);
                await _delay(retryAfter > backoff ? retryAfter : backoff, cancellationToken).ConfigureAwait(false);
            }
        }

        return new SnapshotResponse(status, null, httpStatus, _options.MaxAttempts);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static bool IsRetryable(HttpStatusCode code) =>
        (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)code == 418;

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.InitialBackoff.Ticks << Math.Min(attempt - 1, 20);
        return TimeSpan.FromTicks(Math.Min(ticks, _options.MaxBackoff.Ticks));
    }
}
