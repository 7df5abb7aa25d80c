using System.Diagnostics;
using Velox.Ipc.Agents;
using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Agents;

public class AgentRunnerTests
{
    private static readonly AgentRunnerOptions Quick = new() { Name = "test-runner", BackoffMaxParkNanos = 200_000 };

    [Test]
    public void PinsItsOwnThreadFromInside()
    {
        var allowed = ThreadScheduling.CurrentThreadAffinity();
        Assume.That(allowed, Is.Not.Empty, "sched_getaffinity unavailable");
        var cpu = allowed[^1];
        string? procList = null;
        int[]? affinity = null;
        var agent = new TestAgent("pinned", onWork: () =>
        {
            if (affinity is null)
            {
                affinity = ThreadScheduling.CurrentThreadAffinity();
                procList = ReadCpusAllowedList(ThreadScheduling.CurrentThreadId());
            }
        });
        using var runner = new AgentRunner(new AgentRunnerOptions { Name = "pin-test", Cpu = cpu }, agent);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => Volatile.Read(ref affinity) is not null);
        Assert.That(runner.Stop(), Is.True);

        Assert.That(runner.Warnings, Is.Empty);
        Assert.That(affinity, Is.EqualTo(new[] { cpu }));
        Assert.That(procList, Is.EqualTo(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(ThreadScheduling.CurrentThreadAffinity(), Is.EqualTo(allowed), "the test thread must keep its own affinity");
    }

    [Test]
    public void PinningToAMissingCpuIsAWarningNotAFailure()
    {
        var agent = new TestAgent("unpinned");
        using var runner = new AgentRunner(new AgentRunnerOptions { Name = "bad-cpu", Cpu = ThreadScheduling.MaxCpus - 1 }, agent);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => agent.Cycles > 10);
        Assert.That(runner.Stop(), Is.True);
        Assert.That(runner.Warnings, Has.Count.EqualTo(1).And.Some.Contains("not pinned to CPU 1023"));
        Assert.That(runner.FailureCount, Is.Zero);
    }

    [Test]
    public void FifoIsAppliedOrSkippedWithAWarning()
    {
        var policy = -2;
        var agent = new TestAgent("fifo", onWork: () => Volatile.Write(ref policy, ThreadScheduling.CurrentThreadPolicy()));
        using var runner = new AgentRunner(new AgentRunnerOptions { Name = "fifo", FifoPriority = 1, Idle = IdleStrategyKind.Sleeping }, agent);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => Volatile.Read(ref policy) != -2);
        Assert.That(runner.Stop(), Is.True);
        if (runner.Warnings.Count == 0)
        {
            Assert.That(policy, Is.EqualTo(ThreadScheduling.SchedFifo));
        }
        else
        {
            Assert.That(runner.Warnings[0], Does.Contain("SCHED_FIFO 1 not applied"));
            Assert.That(policy, Is.EqualTo(ThreadScheduling.SchedOther));
        }
    }

    [Test]
    public void CompositeRunsEveryAgentOnTheRunnerThread()
    {
        var a = new TestAgent("a");
        var b = new TestAgent("b");
        using var runner = new AgentRunner(Quick, a, b);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => a.Cycles > 100 && b.Cycles > 100);
        Assert.That(runner.Stop(), Is.True);

        Assert.That(Math.Abs(a.Cycles - b.Cycles), Is.LessThanOrEqualTo(1), "one duty cycle runs each agent once");
        Assert.That(a.StartThreadId, Is.EqualTo(runner.ThreadId));
        Assert.That(b.CloseThreadId, Is.EqualTo(runner.ThreadId));
        Assert.That(a.Closes + b.Closes, Is.EqualTo(2));
    }

    [Test]
    public void AFailingAgentIsClosedAndReportedWhileTheOthersKeepRunning()
    {
        var failing = new TestAgent("failing", throwOnCycle: 3);
        var healthy = new TestAgent("healthy");
        var log = new StringWriter();
        using var runner = new AgentRunner(new AgentRunnerOptions { Name = "fail", Log = log, BackoffMaxParkNanos = 200_000 }, failing, healthy);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => healthy.Cycles > 1000);

        Assert.That(runner.IsRunning, Is.True);
        Assert.That(runner.FailureCount, Is.EqualTo(1));
        Assert.That(runner.ActiveAgentCount, Is.EqualTo(1));
        Assert.That(failing.Cycles, Is.EqualTo(3));
        Assert.That(failing.Closes, Is.EqualTo(1));
        Assert.That(runner.Failures[0].ToString(), Does.Contain("agent failing failed in DoWork").And.Contain("failing boom"));
        Assert.That(log.ToString(), Does.Contain("failing boom"));
        Assert.That(runner.Stop(), Is.True);
        Assert.That(healthy.Closes, Is.EqualTo(1));
    }

    [Test]
    public void TheRunnerEndsWhenItsLastAgentFails()
    {
        var failing = new TestAgent("only", throwOnCycle: 1);
        using var runner = new AgentRunner(Quick, failing);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => !runner.IsRunning);
        Assert.That(runner.FailureCount, Is.EqualTo(1));
        Assert.That(failing.Closes, Is.EqualTo(1));
    }

    [TestCase(IdleStrategyKind.BusySpin)]
    [TestCase(IdleStrategyKind.Yielding)]
    [TestCase(IdleStrategyKind.Backoff)]
    [TestCase(IdleStrategyKind.Sleeping)]
    public void StopsWithinTheTimeout(IdleStrategyKind idle)
    {
        var agent = new TestAgent("idle");
        using var runner = new AgentRunner(new AgentRunnerOptions { Name = "stop", Idle = idle }, agent);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => agent.Cycles > 0);
        var watch = Stopwatch.StartNew();
        Assert.That(runner.Stop(TimeSpan.FromSeconds(2)), Is.True);
        Assert.That(watch.ElapsedMilliseconds, Is.LessThan(1500), "well inside the 2 s timeout, whatever the idle strategy");
        Assert.That(agent.Closes, Is.EqualTo(1));
    }

    [Test]
    public void StopReportsAStuckAgentInsteadOfHanging()
    {
        using var release = new ManualResetEventSlim();
        var agent = new TestAgent("stuck", onWork: () => release.Wait());
        using var runner = new AgentRunner(Quick, agent);
        Assert.That(runner.Start(), Is.True);
        SpinUntil(() => agent.Cycles > 0);
        var watch = Stopwatch.StartNew();
        Assert.That(runner.Stop(TimeSpan.FromMilliseconds(100)), Is.False);
        Assert.That(watch.ElapsedMilliseconds, Is.LessThan(3000), "gives up at its 100 ms timeout instead of waiting for the agent");
        release.Set();
        Assert.That(runner.Stop(), Is.True);
    }

    private static string? ReadCpusAllowedList(int tid)
    {
        foreach (var line in File.ReadLines($"/proc/self/task/{tid}/status"))
        {
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            {
                return line["Cpus_allowed_list:".Length..].Trim();
            }
        }

        return null;
    }

    private static void SpinUntil(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (!condition())
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), "condition not reached");
            Thread.Sleep(1);
        }
    }
}
