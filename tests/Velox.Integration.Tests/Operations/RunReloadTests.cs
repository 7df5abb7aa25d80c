using System.Diagnostics;
using System.Runtime.InteropServices;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Config;
using Velox.Host.Logging;
using Velox.Integration.Tests.Commands;
using LoggingLevel = Velox.Logging.LogLevel;

namespace Velox.Integration.Tests.Operations;

/// <summary>SIGHUP in `velox run`: re-read the config file, apply log levels live, refuse restart-only changes.</summary>
[NonParallelizable]
public class RunReloadTests
{
    private const string Base = """{ "logging": { "level": "info", "stdout": false }, "risk": { "maxOpenOrders": 50 } }""";

    private RunConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new RunConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void An_accepted_reload_changes_log_levels_live_and_becomes_the_current_config()
    {
        var (reload, log, path) = Start(Base);
        using var _ = log;
        var run = log.Catalog.Component("run");
        VeloxConfig? applied = null;
        reload.Applied += (config, _) => applied = config;
        File.WriteAllText(path, """{ "logging": { "level": "warn", "components": { "md": "debug" }, "stdout": false }, "risk": { "maxOpenOrders": 20 } }""");
        using var output = new StringWriter();

        Assert.That(reload.TryReload(1, output), Is.True, output.ToString());

        Assert.That(output.ToString(), Does.Contain("  config reloaded: risk.maxOpenOrders, logging.level, logging.components.md"));
        Assert.That(log.Catalog.LevelOf(run), Is.EqualTo(LoggingLevel.Warn));
        Assert.That(log.Catalog.LevelOf(log.Catalog.Component("md")), Is.EqualTo(LoggingLevel.Debug));
        Assert.That(reload.Current.Risk.MaxOpenOrders, Is.EqualTo(20));
        Assert.That(applied, Is.SameAs(reload.Current));
    }

    [Test]
    public void A_restart_only_change_is_rejected_and_the_old_config_stays()
    {
        var (reload, log, path) = Start(Base);
        using var _ = log;
        var before = reload.Current;
        File.WriteAllText(path, """{ "logging": { "level": "error", "stdout": false }, "simulator": { "seed": 5 }, "ipc": { "termLength": 65536 } }""");
        using var output = new StringWriter();

        Assert.That(reload.TryReload(1, output), Is.False);

        Assert.That(output.ToString(), Does.Contain("  config reload rejected: simulator.seed: needs a restart"));
        Assert.That(output.ToString(), Does.Contain("  config reload rejected: ipc.termLength: needs a restart"));
        Assert.That(output.ToString(), Does.Not.Contain("logging.level"), "reloadable fields are not reported as errors");
        Assert.That(reload.Current, Is.SameAs(before));
        Assert.That(log.Catalog.LevelOf(log.Catalog.Component("run")), Is.EqualTo(LoggingLevel.Info), "nothing of a rejected reload applies");
        Assert.That(reload.Rejected, Is.EqualTo(1));
    }

    [Test]
    public void An_invalid_or_missing_file_on_reload_prints_its_errors_and_keeps_running()
    {
        var (reload, log, path) = Start(Base);
        using var _ = log;
        var before = reload.Current;
        File.WriteAllText(path, """{ "logging": { "level": "loud" """);
        using var output = new StringWriter();

        Assert.That(reload.TryReload(1, output), Is.False);
        File.Delete(path);
        Assert.That(reload.TryReload(2, output), Is.False);

        Assert.That(output.ToString(), Does.Contain("  config reload failed: $: malformed JSON"));
        Assert.That(output.ToString(), Does.Contain("cannot read the config file"));
        Assert.That(output.ToString(), Does.Contain("keeping the running configuration"));
        Assert.That(reload.Current, Is.SameAs(before));
    }

    [Test]
    public void Without_a_config_file_there_is_nothing_to_reload()
    {
        using var log = RunLog.Create(new LoggingConfig { Stdout = false });
        var reload = new RunReload(new RunConfigSource(null, RunConfigFiles.NoEnvironment, 4), new VeloxConfig(), log);
        using var output = new StringWriter();

        Assert.That(reload.TryReload(3, output), Is.False);

        Assert.That(output.ToString(), Does.Contain("reload requested (SIGHUP, 3 so far): velox run was started without --config"));
    }

    [Test]
    public void Sighup_in_a_running_velox_run_reloads_the_file_and_logs_it()
    {
        var file = Path.Combine(_files.Directory, "velox.log");
        var path = _files.Write(Json(file, "info"));
        var options = RunConfigFiles.Resolve(["--config", path, "--rate", "1000"], RunConfigFiles.NoEnvironment, out var errors);
        Assert.That(options, Is.Not.Null, errors);
        using var shutdown = new ShutdownSignal();
        shutdown.StopAfter(TimeSpan.FromSeconds(60));
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var code = -1;
        var run = new Thread(() => code = RunCommand.Execute(options!, shutdown, synchronized)) { IsBackground = true };
        run.Start();
        try
        {
            Assert.That(() => Text(output, synchronized), Does.Contain("msg/s").After(30_000, 20));
            File.WriteAllText(path, Json(file, "warn"));
            shutdown.Handle(PosixSignal.SIGHUP);
            Assert.That(() => Text(output, synchronized), Does.Contain("  config reloaded: logging.level").After(15_000, 20));
            File.WriteAllText(path, Json(file, "warn").Replace("\"seed\": 1", "\"seed\": 2", StringComparison.Ordinal));
            shutdown.Handle(PosixSignal.SIGHUP);
            Assert.That(() => Text(output, synchronized), Does.Contain("  config reload rejected: simulator.seed: needs a restart").After(15_000, 20));
        }
        finally
        {
            shutdown.StopAfter(TimeSpan.Zero);
            Assert.That(run.Join(TimeSpan.FromSeconds(30)), Is.True, "velox run stops");
        }

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
        var log = File.ReadAllText(file);
        Assert.That(log, Does.Contain("\"event\":\"config.reload\"").And.Contain("\"event\":\"config.reload_rejected\""), log);
        Assert.That(log, Does.Contain("\"path\":\"simulator.seed\",\"reason\":\"needs-restart\""), log);
        Assert.That(log, Does.Not.Contain("\"event\":\"run.stop\""), "run.stop is info: filtered after the reload to warn");
    }

    [Test]
    public void Native_run_reloads_the_config_on_sighup()
    {
        var binary = VeloxBinary.Require();
        var path = _files.Write(Json(null, "info"));
        using var run = RunningVelox.Start(binary, "--config", path);
        run.WaitForStatusLine();
        Assert.That(run.Output, Does.Contain("\"event\":\"run.start\""), "JSON lines on stdout at info");

        File.WriteAllText(path, Json(null, "error"));
        using (var kill = Process.Start("kill", ["-HUP", run.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
            Assert.That(kill.ExitCode, Is.Zero);
        }

        Assert.That(() => run.Output, Does.Contain("  config reloaded: logging.level").After(15_000, 50), run.Transcript);
        using (var kill = Process.Start("kill", ["-TERM", run.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(30)), Is.EqualTo(ExitCodes.Ok), run.Transcript);
        Assert.That(run.Output, Does.Contain("summary:"));
        Assert.That(run.Output, Does.Not.Contain("\"event\":\"run.stop\""), "info events are filtered after the reload to error");
    }

    private (RunReload Reload, RunLog Log, string Path) Start(string json)
    {
        var path = _files.Write(json);
        var source = new RunConfigSource(path, RunConfigFiles.NoEnvironment, 4);
        var loaded = source.Load();
        Assert.That(loaded.IsValid, Is.True, string.Join('\n', loaded.Errors));
        var log = RunLog.Create(loaded.Config!.Logging);
        return (new RunReload(source, loaded.Config, log), log, path);
    }

    private static string Json(string? file, string level) =>
        $$"""
        { "simulator": { "seed": 1 }, "admin": { "enabled": false },
          "logging": { "level": "{{level}}", "stdout": {{(file is null ? "true" : "false")}}, "file": {{(file is null ? "null" : System.Text.Json.JsonSerializer.Serialize(file))}} } }
        """;

    private static string Text(StringWriter output, TextWriter synchronized)
    {
        lock (synchronized)
        {
            return output.ToString();
        }
    }
}
