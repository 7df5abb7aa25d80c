using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Velox.Trading.Risk;

namespace Velox.Admin.Server;

/// <summary>
/// The admin HTTP server (Kestrel via <see cref="WebApplication.CreateSlimBuilder()"/>, Native AOT-safe:
/// plain <see cref="RequestDelegate"/> endpoints, no reflection-based binding or serialization).
/// GET /metrics, GET /health, GET /ready, POST /kill. Kestrel serves on .NET thread-pool threads, which are
/// not pinned: run it on the housekeeping cores, never on the isolated cores of the hot path; it only
/// reads what the hot path publishes and never takes a lock the hot path takes.
/// </summary>
public sealed class AdminServer : IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly WebApplication _app;
    private readonly AdminPlane _plane;
    private readonly KillSwitch? _killSwitch;

    private AdminServer(WebApplication app, AdminPlane plane, KillSwitch? killSwitch)
    {
        _app = app;
        _plane = plane;
        _killSwitch = killSwitch;
    }

    /// <summary>The bound base URL (with the real port when 0 was asked).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>
    /// Binds <paramref name="endpoint"/> and starts serving <paramref name="plane"/>; POST /kill engages
    /// <paramref name="killSwitch"/>. Throws <see cref="IOException"/> when the address cannot be bound.
    /// </summary>
    public static AdminServer Start(AdminEndpoint endpoint, AdminPlane plane, KillSwitch? killSwitch)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "velox-admin" });
        builder.Logging.ClearProviders();
        // The command owns SIGINT/SIGTERM; the default console lifetime would also hook them.
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4096;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestLineSize = 4096;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Listen(endpoint.Address, endpoint.Port);
        });

        var app = builder.Build();
        var server = new AdminServer(app, plane, killSwitch);
        app.MapGet("/metrics", new RequestDelegate(server.Metrics));
        app.MapGet("/health", new RequestDelegate(server.Health));
        app.MapGet("/ready", new RequestDelegate(server.Ready));
        app.Map("/kill", new RequestDelegate(server.Kill));
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            ((IDisposable)app).Dispose();
            throw new IOException($"admin server: cannot listen on {endpoint}: {e.Message}", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{endpoint}";
        server.Url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    public void Dispose()
    {
        _app.StopAsync(TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    private Task Metrics(HttpContext context)
    {
        context.Response.ContentType = Admin.Metrics.MetricsWriter.ContentType;
        return context.Response.WriteAsync(_plane.Metrics.Scrape());
    }

    private Task Health(HttpContext context)
    {
        var body = new ArrayBufferWriter<byte>(2048);
        var verdict = _plane.Health.WriteJson(body);
        context.Response.StatusCode = verdict.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(body.WrittenMemory).AsTask();
    }

    private Task Ready(HttpContext context)
    {
        var ready = _plane.Health.Evaluate().Ready;
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return Text(context, ready ? "ready\n" : "not ready\n");
    }

    private Task Kill(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return Text(context, "use POST /kill\n");
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Text(context, "missing token: send 'Authorization: Bearer <token>'\n");
        }

        if (_plane.KillToken is not { } token || !token.Matches(header[BearerPrefix.Length..]))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Text(context, _plane.KillToken is null ? "kill is disabled: no token configured\n" : "wrong token\n");
        }

        if (_killSwitch is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Text(context, "no kill switch in this process\n");
        }

        _killSwitch.Engage();
        return Text(context, "kill switch engaged\n");
    }

    private static Task Text(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text);
    }

    private sealed class CommandOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
