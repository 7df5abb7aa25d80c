using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Velox.Admin.Health;
using Velox.Admin.Metrics;
using Velox.Admin.Server;
using Velox.Admin.Tests.Metrics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading.Risk;

namespace Velox.Admin.Tests.Server;

/// <summary>The endpoints over real HTTP on 127.0.0.1.</summary>
public class AdminServerTests
{
    private const string Token = "correct horse battery staple";

    [Test]
    public async Task Metrics_are_served_in_the_text_format_with_its_content_type()
    {
        var (plane, _, _) = Plane();
        plane.Metrics.Counter("velox_messages_total", "m", new MetricLabel("venue", "bitfinex")).Add(7);
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, null);
        using var http = Client(server);

        using var response = await http.GetAsync("metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
        var families = Exposition.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(families["velox_messages_total"].Samples.Single().Value, Is.EqualTo(7));
    }

    [Test]
    public async Task Health_and_ready_answer_200_or_503_with_the_state()
    {
        var (plane, connection, book) = Plane();
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, null);
        using var http = Client(server);

        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        using (var before = await http.GetAsync("health"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(before.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(await before.Content.ReadAsStringAsync(), Does.Contain("\"awaiting_snapshot\""));
        }

        connection.Update(true, 2, 0, MonotonicClock.Now(), null);
        book.Update(BookSyncState.InSync, 0);
        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await http.GetAsync("health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        book.Update(BookSyncState.Resyncing, 1);
        using var after = await http.GetAsync("health");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("\"resyncing\""));
        Assert.That((await http.GetAsync("ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready stays latched");
    }

    [Test]
    public async Task Kill_needs_post_and_the_right_token_then_health_reports_halted()
    {
        var (plane, connection, book) = Plane(Token);
        connection.Update(true, 2, 0, MonotonicClock.Now(), null);
        book.Update(BookSyncState.InSync, 0);
        var killSwitch = new KillSwitch();
        plane.Health.Risk = new RiskHealth(killSwitch);
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, killSwitch);
        using var http = Client(server);

        using (var get = await http.GetAsync("kill"))
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(get.Content.Headers.Allow, Does.Contain("POST"));
        }

        Assert.That((await Kill(http, null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Kill(http, "wrong")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Kill(http, Token + "x")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(killSwitch.IsEngaged, Is.False);
        Assert.That((await http.GetAsync("health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await Kill(http, Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(killSwitch.IsEngaged, Is.True);
        using var health = await http.GetAsync("health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await health.Content.ReadAsStringAsync(), Does.Contain("\"halted\": true"));
    }

    [Test]
    public async Task Kill_without_a_configured_token_is_refused()
    {
        var (plane, _, _) = Plane();
        var killSwitch = new KillSwitch();
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, killSwitch);
        using var http = Client(server);

        using var response = await Kill(http, "anything");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no token configured"));
        Assert.That(killSwitch.IsEngaged, Is.False);
    }

    [Test]
    public async Task Unknown_paths_are_404_and_wrong_methods_405()
    {
        var (plane, _, _) = Plane();
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, null);
        using var http = Client(server);

        Assert.That((await http.GetAsync("nope")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PostAsync("metrics", null)).StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public void Port_0_binds_a_free_port_on_loopback_and_a_taken_port_is_a_clear_error()
    {
        var (plane, _, _) = Plane();
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, null);
        Assert.That(server.Url.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Url.Port, Is.GreaterThan(0));

        var error = Assert.Throws<IOException>(() => AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, server.Url.Port), Plane().Plane, null));
        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{server.Url.Port}"));
    }

    [Test]
    public void An_oversized_request_is_refused_without_harm()
    {
        var (plane, _, _) = Plane();
        using var server = AdminServer.Start(new AdminEndpoint(IPAddress.Loopback, 0), plane, null);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(IPAddress.Loopback, server.Url.Port);
        socket.Send(System.Text.Encoding.ASCII.GetBytes($"GET /{new string('a', 10_000)} HTTP/1.1\r\nHost: x\r\n\r\n"));
        var buffer = new byte[1024];
        var read = socket.Receive(buffer);

        Assert.That(System.Text.Encoding.ASCII.GetString(buffer, 0, read), Does.StartWith("HTTP/1.1 414"));
    }

    private static Task<HttpResponseMessage> Kill(HttpClient http, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "kill");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

    private static HttpClient Client(AdminServer server) => new() { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(20) };

    private static (AdminPlane Plane, ConnectionHealth Connection, BookHealth Book) Plane(string? token = null)
    {
        var plane = new AdminPlane(killToken: token is null ? null : new KillToken(token));
        var connection = plane.Health.AddConnection("bitfinex");
        var book = plane.Health.AddBook("bitfinex", "tBTCUSD");
        return (plane, connection, book);
    }
}
