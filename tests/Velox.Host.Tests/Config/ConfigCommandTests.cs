using System.Text.Json;
using Velox.Host.Cli;
using Velox.Testing;

namespace Velox.Host.Tests.Config;

/// <summary>`velox config check|show` through Program.Main, with the console captured (so not in parallel).</summary>
[NonParallelizable]
public class ConfigCommandTests
{
    private ConfigFixture _files = null!;

    [SetUp]
    public void SetUp() => _files = new ConfigFixture();

    [TearDown]
    public void TearDown() => _files.Dispose();

    [Test]
    public void Check_of_the_example_file_says_ok_and_exits_0()
    {
        var example = Path.Combine(SharedData.RepositoryRoot, "config", "velox.example.json");
        var (code, output, error) = RunMain("config", "check", "--config", example);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.StartWith($"config ok: {example}"));
        Assert.That(output, Does.Contain($"strategy.mm.size = \"0.01\"  (file {example})"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void Check_prints_the_source_of_environment_overrides()
    {
        Environment.SetEnvironmentVariable("VELOX_RISK__MAX_POSITION", "0.75");
        try
        {
            var (code, output, error) = RunMain("config", "check");

            Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
            Assert.That(output, Does.Contain("config ok: built-in defaults"));
            Assert.That(output, Does.Contain("risk.maxPosition = \"0.75\"  (env VELOX_RISK__MAX_POSITION)"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VELOX_RISK__MAX_POSITION", null);
        }
    }

    [Test]
    public void Check_of_a_bad_file_prints_every_problem_and_exits_2()
    {
        var path = _files.Write("""
            { "mode": "paper", "strategy": { "mm": { "spredBps": 3 } }, "risk": { "maxPosition": "-1", "maxOpenOrders": "x" } }
            """);
        var (code, output, error) = RunMain("config", "check", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain($"velox config: 3 problems in {path}; nothing was started:"));
        Assert.That(error, Does.Contain("  $.strategy.mm.spredBps: unknown key (did you mean spreadBps?)"));
        Assert.That(error, Does.Contain("  $.risk.maxOpenOrders: expected an integer, got string \"x\""));
        Assert.That(error, Does.Contain($"  risk.maxPosition: must be > 0, got \"-1\" (set by file {path})"));
    }

    [Test]
    public void Show_prints_the_effective_configuration_as_json_with_secrets_hidden()
    {
        var path = _files.Write("""{ "risk": { "maxPosition": "0.3" }, "admin": { "killToken": "do-not-print-this-token" } }""");
        var (code, output, error) = RunMain("config", "show", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.That(root.GetProperty("risk").GetProperty("maxPosition").GetString(), Is.EqualTo("0.3"));
        Assert.That(root.GetProperty("risk").GetProperty("maxOpenOrders").GetInt32(), Is.EqualTo(50), "defaults are shown too");
        Assert.That(root.GetProperty("mode").GetString(), Is.EqualTo("dry-run"));
        Assert.That(root.GetProperty("admin").GetProperty("killToken").GetString(), Is.EqualTo("***"));
        Assert.That(output, Does.Not.Contain("do-not-print-this-token"));
    }

    [Test]
    public void Show_of_a_bad_file_exits_2_without_printing_json()
    {
        var path = _files.Write("""{ "mode": "yolo" }""");
        var (code, output, error) = RunMain("config", "show", "--config", path);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("$.mode: expected one of dry-run, paper, live, got string \"yolo\""));
    }

    [TestCase("config")]
    [TestCase("config", "validate")]
    [TestCase("config", "check", "--file", "x.json")]
    [TestCase("config", "check", "extra")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var (code, _, error) = RunMain(args);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("usage: velox config check"));
    }

    [Test]
    public void Help_exits_0_and_the_top_level_usage_lists_config()
    {
        var (code, output, _) = RunMain("config", "--help");
        var (topCode, topOutput, _) = RunMain("--help");

        Assert.That((code, topCode), Is.EqualTo((0, 0)));
        Assert.That(output, Does.Contain("VELOX_RISK__MAX_POSITION"));
        Assert.That(topOutput, Does.Contain("config         check / show"));
    }

    private static (int Code, string Output, string Error) RunMain(params string[] args)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = Program.Main(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
