using System.Net;
using System.Net.Sockets;
using System.Text;
using Velox.Core.Time;
using Velox.MarketData.Rest;

namespace Velox.Venues.Binance.Tests.Rest;

/// <summary>The REST snapshot client against an HttpListener on 127.0.0.1 started by the test.</summary>
public sealed class HttpSnapshotClientTests
{
    [Test]
    public async Task RetriesServerErrorsWithBackoffThenReturnsTheBody()
    {
        using var server = new LocalServer([503, 500, 200]);
        var delays = new List<TimeSpan>();
        using var client = NewClient(server, delays, maxAttempts: 4);

        var response = await client.FetchAsync("api/v3/depth?symbol=BTCUSDT&limit=1000", 50, CancellationToken.None);

        Assert.That(response.Status, Is.EqualTo(SnapshotStatus.Ok));
        Assert.That(Encoding.UTF8.GetString(response.Body!), Does.StartWith("{\"lastUpdateId\""));
        Assert.That(response.Attempts, Is.EqualTo(3));
        Assert.That(delays, Is.EqualTo(new List<TimeSpan> { TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20) }));
        Assert.That(server.Paths, Is.All.EqualTo("/api/v3/depth?symbol=BTCUSDT&limit=1000"));
    }

    [Test]
    public async Task ClientErrorsAreNotRetriedAndTooManyRequestsHonoursRetryAfter()
    {
        using (var server = new LocalServer([400]))
        using (var client = NewClient(server, [], maxAttempts: 4))
        {
            var response = await client.FetchAsync("x", 1, CancellationToken.None);
            Assert.That(response, Has.Property("Status").EqualTo(SnapshotStatus.HttpError).And.Property("HttpStatus").EqualTo(400).And.Property("Attempts").EqualTo(1));
        }

        using (var server = new LocalServer([429, 200], retryAfterSeconds: 3))
        {
            var delays = new List<TimeSpan>();
            using var client = NewClient(server, delays, maxAttempts: 2);
            var response = await client.FetchAsync("x", 1, CancellationToken.None);
            Assert.That(response.Status, Is.EqualTo(SnapshotStatus.Ok));
            Assert.That(delays, Is.EqualTo(new List<TimeSpan> { TimeSpan.FromSeconds(3) }));
        }
    }

    [Test]
    public async Task SlowServerTimesOutOnEveryAttempt()
    {
        using var server = new LocalServer([200, 200], delay: TimeSpan.FromSeconds(2));
        using var client = NewClient(server, [], maxAttempts: 2, timeout: TimeSpan.FromMilliseconds(100));
        var response = await client.FetchAsync("x", 1, CancellationToken.None);
        Assert.That(response.Status, Is.EqualTo(SnapshotStatus.Timeout));
        Assert.That(response.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task RefusedConnectionIsATransportError()
    {
        var port = FreePort();
        var options = new SnapshotClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(1) };
        using var client = new HttpSnapshotClient(new HttpClient(), options, null, (_, _) => Task.CompletedTask, ownsHttp: true);
        var response = await client.FetchAsync("x", 1, CancellationToken.None);
        Assert.That(response.Status, Is.EqualTo(SnapshotStatus.TransportError));
    }

    [Test]
    public async Task RateLimitWaitsForWeightInsteadOfSending()
    {
        using var server = new LocalServer([200, 200]);
        var clock = new ReplayClock(1_000_000_000);
        var delays = new List<TimeSpan>();
        var options = new SnapshotClientOptions
        {
            BaseAddress = server.BaseAddress,
            RateLimitWeight = 60,
            RateWindow = TimeSpan.FromMinutes(1),
        };

        // Waiting advances the replay clock, so refill is deterministic: 1 weight per second.
        using var client = new HttpSnapshotClient(new HttpClient(), options, clock, (wait, _) =>
        {
            delays.Add(wait);
            clock.Advance(wait.Ticks * 100);
            return Task.CompletedTask;
        }, ownsHttp: true);

        Assert.That((await client.FetchAsync("a", 50, CancellationToken.None)).Status, Is.EqualTo(SnapshotStatus.Ok));
        Assert.That(delays, Is.Empty);
        Assert.That((await client.FetchAsync("b", 50, CancellationToken.None)).Status, Is.EqualTo(SnapshotStatus.Ok));
        Assert.That(delays.Single(), Is.EqualTo(TimeSpan.FromSeconds(40)));
        Assert.That(server.Paths, Has.Count.EqualTo(2));
    }

    [Test]
    public void RateLimiterRefillsFromTheInjectedClock()
    {
        var clock = new ReplayClock();
        var limiter = new WeightRateLimiter(10, TimeSpan.FromSeconds(10), clock);
        Assert.That(limiter.TryAcquire(10, out _), Is.True);
        Assert.That(limiter.TryAcquire(1, out var wait), Is.False);
        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(1)));
        clock.Advance(1_000_000_000);
        Assert.That(limiter.TryAcquire(1, out _), Is.True);
    }

    private static HttpSnapshotClient NewClient(LocalServer server, List<TimeSpan> delays, int maxAttempts, TimeSpan? timeout = null)
    {
        var options = new SnapshotClientOptions
        {
            BaseAddress = server.BaseAddress,
            MaxAttempts = maxAttempts,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        };
        return new HttpSnapshotClient(new HttpClient(), options, null, (wait, _) =>
        {
            delays.Add(wait);
            return Task.CompletedTask;
        }, ownsHttp: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers requests with the given statuses in turn; 200 carries a small depth body.</summary>
    private sealed class LocalServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public LocalServer(int[] statuses, int retryAfterSeconds = 0, TimeSpan delay = default)
        {
            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(BaseAddress.ToString());
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                foreach (var status in statuses)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    lock (Paths)
                    {
                        Paths.Add(context.Request.RawUrl!);
                    }

                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay);
                    }

                    try
                    {
                        context.Response.StatusCode = status;
                        if (retryAfterSeconds > 0)
                        {
                            context.Response.AddHeader("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }

                        var body = status == 200 ? "{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}"u8.ToArray() : [];
                        await context.Response.OutputStream.WriteAsync(body);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        // The client gave up (timeout) before the answer.
                    }
                }
            });
        }

        public Uri BaseAddress { get; }

        public List<string> Paths { get; } = [];

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
