using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Velox.Admin.Server;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Integration.Tests.Commands;

namespace Velox.Integration.Tests.Admin;

/// <summary>`velox run --admin`: the wiring in the command, in process and in the Native AOT binary.</summary>
[NonParallelizable]
public partial class RunAdminCommandTests
{
    private const string Token = "kill-me-please";

    [Test]
    public async Task Run_prints_the_admin_url_first_and_kill_needs_the_right_token()
    {
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var options = new RunOptions { EventsPerSecond = 3_000, Admin = new AdminEndpoint(IPAddress.Loopback, 0), AdminToken = Token };
        var code = -1;
        var run = new Thread(() => code = RunCommand.Execute(options, shutdown, synchronized)) { IsBackground = true };
        run.Start();
        try
        {
            // SyncTextWriter locks itself around every write.
            var url = WaitForAdminUrl(() =>
            {
                lock (synchronized)
                {
                    return output.ToString();
                }
            });
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
            await WaitForOk(http, "ready");
            await WaitForOk(http, "health");
            var metrics = await http.GetStringAsync("metrics");
            Assert.That(AdminScrape.Value(metrics, "velox_messages_total", "venue=\"bitfinex\""), Is.GreaterThan(0));
            Assert.That(AdminScrape.Value(metrics, "velox_kill_switch_engaged", string.Empty), Is.Zero);

            Assert.That((await Kill(http, "not-the-token")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await http.GetStringAsync("health"), Does.Contain("\"killSwitch\": false"));
            Assert.That((await http.GetAsync("kill")).StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));

            Assert.That((await Kill(http, Token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var health = await http.GetAsync("health");
            var body = await health.Content.ReadAsStringAsync();
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(body, Does.Contain("\"halted\": true"));
            Assert.That(AdminScrape.Value(await http.GetStringAsync("metrics"), "velox_kill_switch_engaged", string.Empty), Is.EqualTo(1));
        }
        finally
        {
            shutdown.StopAfter(TimeSpan.Zero);
            Assert.That(run.Join(TimeSpan.FromSeconds(30)), Is.True, "velox run stops");
        }

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
    }

    [Test]
    public void A_taken_admin_port_is_a_clear_failure()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(30));
        using var output = new StringWriter();

        var code = RunCommand.Execute(new RunOptions { Admin = new AdminEndpoint(IPAddress.Loopback, port) }, shutdown, output);

        Assert.That(code, Is.EqualTo(ExitCodes.Failure));
        Assert.That(output.ToString(), Does.Contain($"cannot listen on 127.0.0.1:{port}"));
    }

    [Test]
    public void Bad_admin_options_exit_2()
    {
        Assert.That(RunCommand.Run(["--admin", "nope"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--admin", "70000"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(RunCommand.Run(["--admin", "0", "--topology", "multi"]), Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task Native_binary_serves_metrics_and_health()
    {
        var binary = VeloxBinary.Require();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "run", "--duration", "20", "--rate", "3000", "--admin", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var url = new Uri(AdminUrl().Match(firstLine ?? string.Empty) is { Success: true } m ? m.Groups[1].Value : throw new AssertionException($"no admin URL in: {firstLine}"));
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
            await WaitForOk(http, "ready");
            using var metrics = await http.GetAsync("metrics");
            Assert.That(metrics.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.That(AdminScrape.Value(text, "velox_messages_total", "venue=\"bitfinex\""), Is.GreaterThan(0));
            Assert.That(await http.GetStringAsync("health"), Does.Contain("\"connections\""));
            Assert.That((await Kill(http, "any")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no admin.killToken: kill disabled");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static Uri WaitForAdminUrl(Func<string> text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var match = AdminUrl().Match(text());
            if (match.Success)
            {
                Assert.That(text().Split('\n')[0], Does.Contain(match.Groups[1].Value), "the URL is on the first line");
                return new Uri(match.Groups[1].Value);
            }

            Thread.Sleep(20);
        }

        Assert.Fail($"no admin URL printed:\n{text()}");
        return null!;
    }

    private static async Task WaitForOk(HttpClient http, string path)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            using var response = await http.GetAsync(path);
            last = response.StatusCode;
            if (last == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Fail($"/{path} still {last}");
    }

    private static async Task<HttpResponseMessage> Kill(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "kill");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"admin (http://\S+/)")]
    private static partial Regex AdminUrl();
}
