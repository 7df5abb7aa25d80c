using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Velox.Host.Cli;
using Velox.Host.Commands;

namespace Velox.Integration.Tests.Operations;

/// <summary>`velox run --config`: what each section sets, precedence, and errors before anything starts.</summary>
[NonParallelizable]
public partial class RunConfigTests
{
    private const string Token = "a-kill-token-of-16+";

    private RunConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new RunConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public async Task Config_file_sets_the_simulator_and_serves_admin_on_the_configured_port()
    {
        var path = _files.Write($$"""
            { "simulator": { "seed": 7, "eventsPerSecond": 1500, "bookLength": 100 },
              "admin": { "enabled": true, "bind": "127.0.0.1", "port": 0, "killToken": "{{Token}}" },
              "logging": { "stdout": false } }
            """);
        var options = RunConfigFiles.Resolve(["--config", path], RunConfigFiles.NoEnvironment, out var errors);

        Assert.That(options, Is.Not.Null, errors);
        Assert.That((options!.Seed, options.EventsPerSecond, options.BookLength, options.Port), Is.EqualTo((7, 1500, 100, 0)));
        Assert.That(options.Admin, Is.EqualTo(new Velox.Admin.Server.AdminEndpoint(IPAddress.Loopback, 0)));
        Assert.That(options.AdminToken, Is.EqualTo(Token));
        Assert.That(options.ConfigSource!.Path, Is.EqualTo(path));

        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var code = -1;
        var run = new Thread(() => code = RunCommand.Execute(options, shutdown, synchronized)) { IsBackground = true };
        run.Start();
        try
        {
            var first = WaitFor(() => Text(output, synchronized), AdminUrl());
            Assert.That(first, Does.Contain("book len 100, 1500 events/s"));
            using var http = new HttpClient { BaseAddress = new Uri(AdminUrl().Match(first).Groups[1].Value), Timeout = TimeSpan.FromSeconds(20) };
            using var kill = new HttpRequestMessage(HttpMethod.Post, "kill");
            kill.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
            Assert.That((await http.SendAsync(kill)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the config's kill token authorizes /kill");
        }
        finally
        {
            shutdown.StopAfter(TimeSpan.Zero);
            Assert.That(run.Join(TimeSpan.FromSeconds(30)), Is.True, "velox run stops");
        }

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
    }

    [Test]
    public void Environment_overrides_the_file_and_flags_override_the_environment()
    {
        var path = _files.Write("""{ "simulator": { "seed": 7, "eventsPerSecond": 1500 }, "admin": { "port": 0 } }""");
        var environment = new Dictionary<string, string>
        {
            ["VELOX_SIMULATOR__SEED"] = "9",
            ["VELOX_ADMIN__KILL_TOKEN"] = Token,
        };

        var fromEnvironment = RunConfigFiles.Resolve(["--config", path], environment, out var errors);
        Assert.That(fromEnvironment, Is.Not.Null, errors);
        Assert.That((fromEnvironment!.Seed, fromEnvironment.EventsPerSecond), Is.EqualTo((9, 1500)));
        Assert.That(fromEnvironment.AdminToken, Is.EqualTo(Token));

        var fromFlags = RunConfigFiles.Resolve(["--config", path, "--seed", "11", "--rate", "900", "--admin", "127.0.0.1:0"], environment, out errors);
        Assert.That(fromFlags, Is.Not.Null, errors);
        Assert.That((fromFlags!.Seed, fromFlags.EventsPerSecond), Is.EqualTo((11, 900)));
        Assert.That(fromFlags.AdminToken, Is.EqualTo(Token), "--admin takes the token from the configuration too");
    }

    [Test]
    public void Admin_is_served_only_when_asked()
    {
        var none = RunConfigFiles.Resolve([], RunConfigFiles.NoEnvironment, out var errors);
        Assert.That(none, Is.Not.Null, errors);
        Assert.That(none!.Admin, Is.Null, "without --config the admin plane stays off unless --admin");
        Assert.That(none.AdminToken, Is.Null);

        var disabled = RunConfigFiles.Resolve(["--config", _files.Write("""{ "admin": { "enabled": false } }""")], RunConfigFiles.NoEnvironment, out errors);
        Assert.That(disabled!.Admin, Is.Null, errors);

        var flag = RunConfigFiles.Resolve(["--config", _files.Write("""{ "admin": { "port": 9999 } }""", "b.json"), "--admin", "0"], RunConfigFiles.NoEnvironment, out errors);
        Assert.That(flag!.Admin!.Value.Port, Is.Zero, "--admin wins over admin.port");
    }

    [Test]
    public void Config_errors_are_all_printed_and_nothing_starts()
    {
        var path = _files.Write("""{ "simulator": { "eventsPerSecond": 0, "bookLength": 50 }, "nosuch": 1 }""");

        var options = RunConfigFiles.Resolve(["--config", path], RunConfigFiles.NoEnvironment, out var errors);

        Assert.That(options, Is.Null);
        Assert.That(errors, Does.Contain("velox run: config: $.nosuch: "));
        Assert.That(errors, Does.Contain("velox run: config: simulator.eventsPerSecond: "));
        Assert.That(Regex.Matches(errors, "^velox run: config: ", RegexOptions.Multiline), Has.Count.GreaterThanOrEqualTo(2), errors);

        var clock = Stopwatch.StartNew();
        Assert.That(RunCommand.Run(["--config", path, "--duration", "60"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "exits at once instead of running");
        Assert.That(RunCommand.Run(["--config", Path.Combine(_files.Directory, "missing.json"), "--duration", "60"]), Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void A_book_length_velox_run_cannot_subscribe_is_a_config_error_unless_len_is_given()
    {
        var path = _files.Write("""{ "simulator": { "bookLength": 50 } }""");

        Assert.That(RunConfigFiles.Resolve(["--config", path], RunConfigFiles.NoEnvironment, out var errors), Is.Null);
        Assert.That(errors, Does.Contain("velox run: config: simulator.bookLength: velox run needs 1, 25, 100 or 250"));
        Assert.That(RunConfigFiles.Resolve(["--config", path, "--len", "25"], RunConfigFiles.NoEnvironment, out errors)!.BookLength, Is.EqualTo(25), errors);
    }

    [Test]
    public void A_bad_log_level_spec_is_a_usage_error()
    {
        Assert.That(RunConfigFiles.Resolve(["--log-level", "loud"], RunConfigFiles.NoEnvironment, out var errors), Is.Null);
        Assert.That(errors, Does.Contain("--log-level"));
        Assert.That(RunCommand.Run(["--log-level", "info,md=shouty", "--duration", "60"]), Is.EqualTo(ExitCodes.Usage));
    }

    private static string Text(StringWriter output, TextWriter synchronized)
    {
        lock (synchronized)
        {
            return output.ToString();
        }
    }

    private static string WaitFor(Func<string> text, Regex pattern)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var match = pattern.Match(text());
            if (match.Success)
            {
                return text().Split('\n')[0];
            }

            Thread.Sleep(20);
        }

        Assert.Fail($"not printed:\n{text()}");
        return string.Empty;
    }

    [GeneratedRegex(@"admin (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex AdminUrl();
}
