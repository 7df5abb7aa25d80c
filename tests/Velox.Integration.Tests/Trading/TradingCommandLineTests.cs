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

    [TestCase("--strategy", "mm", "--mode", "dry-run", "reject")]
    [TestCase("--strategy", "arb", "--mode", "dry-run", "gap,lose-ack")]
    [TestCase("--strategy", "none", "--rate", "100", "disconnect-on-order")]
    public void Order_entry_faults_need_a_paper_trading_run(string name, string value, string name2, string value2, string faults)
    {
        var (code, error) = RunCapturingErrors([name, value, name2, value2, "--faults", faults, "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("the order-entry faults (reject, delay-ack, lose-ack, disconnect-on-order) need --strategy mm or arb with --mode paper"));
    }

    [Test]
    public void Faults_with_a_strategy_run_in_one_process()
    {
        var (code, error) = RunCapturingErrors(["--strategy", "mm", "--topology", "multi", "--faults", "gap", "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--faults with --strategy runs in one process only"));
    }

    [Test]
    public void Venues_are_not_combined_with_a_strategy()
    {
        var (code, error) = RunCapturingErrors(["--strategy", "mm", "--venues", "bitfinex,binance", "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--venues cannot be combined with --strategy"));
    }

    [TestCase("--latency-breakdown")]
    [TestCase("--bench-out", "bench")]
    public void Tick_to_trade_reports_are_refused_where_nothing_records_them(params string[] option)
    {
        var (code, error) = RunCapturingErrors(["--strategy", "arb", "--venues", "bitfinex,binance", .. option, "--duration", "1"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--latency-breakdown and --bench-out need --strategy mm"));
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
