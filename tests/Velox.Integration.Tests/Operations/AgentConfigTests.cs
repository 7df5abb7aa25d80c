using System.Diagnostics;
using System.Text.Json;
using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Topology;
using Velox.Integration.Tests.Commands;
using Velox.Simulator;
using Velox.Simulator.Hosting;

namespace Velox.Integration.Tests.Operations;

/// <summary>`velox md|engine|archive record --config FILE`, as the systemd units start them.</summary>
[NonParallelizable]
public class AgentConfigTests
{
    private RunConfigFiles _files = null!;

    [SetUp]
    public void SetUp() => _files = new RunConfigFiles();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Agents_accept_a_valid_config_and_exit_2_on_config_errors()
    {
        var good = _files.Write("""{ "simulator": { "port": 45678 }, "ipc": { "directory": "/dev/shm/velox-agent-test" }, "logging": { "stdout": false } }""");
        var bad = _files.Write("""{ "ipc": { "termLength": 12345 }, "bogus": true }""", "bad.json");

        Assert.That(MdCommand.Run(["--config", good, "--help"]), Is.EqualTo(ExitCodes.Ok), "simulator.port stands in for --sim-url");
        Assert.That(EngineCommand.Run(["--config", good, "--help"]), Is.EqualTo(ExitCodes.Ok));
        Assert.That(MdCommand.Run(["--config", bad, "--sim-url", "ws://127.0.0.1:1/ws/2"]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(EngineCommand.Run(["--config", bad]), Is.EqualTo(ExitCodes.Usage));
        Assert.That(EngineCommand.Run(["--config", Path.Combine(_files.Directory, "missing.json")]), Is.EqualTo(ExitCodes.Usage));
        using var error = new StringWriter();
        Assert.That(ArchiveCommand.Run(["record", "--stream", "11", "--config", bad], TextWriter.Null, error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("velox archive record: config: $.bogus: ").And.Contain("velox archive record: config: ipc.termLength: "));
    }

    [Test]
    public void Native_md_and_engine_take_ipc_venue_and_logging_from_the_config()
    {
        var binary = VeloxBinary.Require();
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { EventsPerSecond = 2000 });
        server.Start();
        var ipc = $"/dev/shm/velox-agentcfg-{Guid.NewGuid():N}";
        var log = Path.Combine(_files.Directory, "md.log");
        var path = _files.Write($$"""
            { "simulator": { "port": {{server.Port}} }, "ipc": { "directory": "{{ipc}}" },
              "logging": { "stdout": false, "file": {{JsonSerializer.Serialize(log)}} } }
            """);
        try
        {
            using var engine = Start(binary, "engine", "--config", path);
            using var md = Start(binary, "md", "--config", path, "--await-subscriber", "5");
            Assert.That(() => File.Exists(log) && File.ReadAllText(log).Contains("\"event\":\"connection.up\"", StringComparison.Ordinal), Is.True.After(30_000, 100),
                "md logged its connection into logging.file");
            foreach (var process in new[] { md, engine })
            {
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    term.WaitForExit();
                }

                Assert.That(process.WaitForExit(30_000), Is.True);
                Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Ok));
            }

            Assert.That(md.StandardOutput.ReadToEnd(), Does.Contain($"velox md: ws://127.0.0.1:{server.Port}/ws/2 → {ipc}"));
            Assert.That(engine.StandardOutput.ReadToEnd(), Does.Contain($"velox engine: {ipc} "));
        }
        finally
        {
            if (Directory.Exists(ipc))
            {
                Directory.Delete(ipc, recursive: true);
            }
        }
    }

    private static Process Start(string binary, params string[] args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
