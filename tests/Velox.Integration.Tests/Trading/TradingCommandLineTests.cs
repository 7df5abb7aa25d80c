using Velox.Host.Cli;
using Velox.Host.Commands;

namespace Velox.Integration.Tests.Trading;

/// <summary>The trading options of `velox run`: what is refused, and with which message.</summary>
[NonParallelizable]
public class TradingCommandLineTests
{
    [TestCase("--strategy", "hodl", "--strategy must be none, mm or arb")]
    [TestCase("--mode", "paper", "--mode and --journal need --strategy mm")]
    public void Refused_options_are_usage_errors_with_the_reason(string name, string value, string message)
    {
        var (code, error) = RunCapturingErrors([name, value, "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void Faults_are_not_combined_with_a_strategy()
    {
        var (code, error) = RunCapturingErrors(["--strategy", "mm", "--faults", "gap", "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--faults cannot be combined with --strategy"));
    }

    [Test]
    public void Venues_are_not_combined_with_a_strategy()
    {
        var (code, error) = RunCapturingErrors(["--strategy", "mm", "--venues", "bitfinex,binance", "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--venues cannot be combined with --strategy"));
    }

    [Test]
    public void Live_mode_is_refused_with_the_reason()
    {
        var (code, error) = RunCapturingErrors(["--strategy", "mm", "--mode", "live", "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--mode live is refused by velox run"));
    }

    private static (int Code, string Error) RunCapturingErrors(string[] args)
    {
        var previous = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (RunCommand.Run(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
