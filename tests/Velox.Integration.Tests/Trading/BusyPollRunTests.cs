using Velox.Host.Config;
using Velox.Host.Trading;
using Velox.Ipc.Platform;
using Velox.Strategies.Execution;

namespace Velox.Integration.Tests.Trading;

/// <summary>`cpus.md` on a paper run: the md thread pins itself and busy-polls, still trades without allocating, and the run's other threads stay on the housekeeping CPUs.</summary>
public sealed class BusyPollRunTests
{
    private static readonly int[] HousekeepingOnly = [0];

    private static VeloxConfig MdOn(int cpu, params int[] housekeeping) => new()
    {
        Cpus = new CpuConfig { Housekeeping = housekeeping, Isolated = [cpu], Md = cpu },
    };

    [Test]
    public void Busy_polling_md_thread_pins_itself_trades_and_allocates_nothing()
    {
        RequireCpus(2);
        var before = ThreadScheduling.CurrentThreadAffinity();
        int[] duringRun;
        using (var paper = new PaperRun(ExecutionMode.Paper, MdOn(1, 0), eventsPerSecond: 5000, latencyBreakdown: true))
        {
            duringRun = ThreadScheduling.CurrentThreadAffinity();
            Assert.That(paper.Run.BusyPoll?.Cpu, Is.EqualTo(1));
            paper.Run.Loop.AllocationWarmupFrames = 5_000;
            paper.Run.Loop.AllocationFrames = 10_000;
            paper.Start();
            Assert.That(paper.WaitFor(_ => paper.Run.Loop.AllocationMeasured is not null, TimeSpan.FromSeconds(20)), Is.True, $"window never closed:\n{paper.Output}");
            Assert.That(paper.WaitFor(s => s.TickToTradeCount >= 3, TimeSpan.FromSeconds(20)), Is.True, paper.Output);
            Assert.That(paper.StopAndWait(), Is.Zero, paper.Output);
            var measured = paper.Run.Loop.AllocationMeasured!;
            Assert.That(measured.Orders, Is.GreaterThan(0), "the window covered the order path");
            Assert.That(measured.Bytes, Is.Zero, "busy-polling keeps the md thread at 0 B");
            Assert.That(paper.Run.Loop.PinError, Is.Zero, paper.Output);
            Assert.That(paper.Output, Does.Contain("md thread busy-polls on CPU 1"));
            Assert.That(paper.Output, Does.Contain("0 still open"), "shutdown still cancels everything");
            var breakdown = paper.Run.TickToTrade.Breakdown!;
            Assert.That(breakdown.WhileSpinning.Count + breakdown.WhileWaiting.Count, Is.EqualTo(paper.Run.TickToTrade.Histogram.Count), "every sample is spinning or waiting");
            Assert.That(paper.Output, Does.Contain("total, md thread spinning (busy-poll)"));
        }

        Assert.That(duringRun, Is.EqualTo(HousekeepingOnly), "the creating thread is kept to the housekeeping CPUs (the AOT binary's threads inherit that mask)");
        Assert.That(ThreadScheduling.CurrentThreadAffinity(), Is.EqualTo(before), "the creating thread gets its CPUs back");
    }

    [Test]
    public void Md_cpu_must_exist_and_not_be_housekeeping()
    {
        var options = new Velox.Host.Commands.RunOptions { Strategy = TradingStrategy.MarketMaker, TradingMode = ExecutionMode.DryRun };
        Assert.That(TradingRun.TryCreate(options, MdOn(ThreadScheduling.MaxCpus - 1, 0), out _, out var error), Is.False);
        Assert.That(error, Does.StartWith("cpus.md: CPU 1023 does not exist"));
        Assert.That(TradingRun.TryCreate(options, MdOn(0, 0), out _, out error), Is.False);
        Assert.That(error, Does.Contain("must not be a housekeeping CPU"));
    }

    private static void RequireCpus(int count)
    {
        if (Environment.ProcessorCount < count)
        {
            Assert.Inconclusive($"needs {count} CPUs, this machine has {Environment.ProcessorCount}");
        }
    }
}
