using Velox.Host.Trading;

namespace Velox.Host.Tests.Trading;

/// <summary>The md thread's busy-poll plan: how much of each window a real-time thread must wait so RT throttling never stops it.</summary>
public class BusyPollPlanTests
{
    [Test]
    public void Real_time_thread_under_default_throttling_waits_the_throttled_share_plus_the_margin()
    {
        var plan = BusyPollPlan.For(1, realTime: true, "950000\n", "1000000\n");
        Assert.That(plan.Cpu, Is.EqualTo(1));
        Assert.That(plan.PeriodNanos, Is.EqualTo(100_000_000));
        Assert.That(plan.WaitNanos, Is.EqualTo(7_000_000), "5 % throttled + 2 points margin of 100 ms");
        Assert.That(plan.SpinNanos, Is.EqualTo(93_000_000));
        Assert.That(plan.Describe(), Does.Contain("CPU 1").And.Contain("7 ms of every 100 ms"));
    }

    [Test]
    public void Throttling_off_or_a_normal_thread_spins_all_the_time()
    {
        Assert.That(BusyPollPlan.For(1, realTime: true, "-1", "1000000").WaitNanos, Is.Zero, "sched_rt_runtime_us -1: no throttling (the appliance's tuning)");
        Assert.That(BusyPollPlan.For(1, realTime: false, "950000", "1000000").WaitNanos, Is.Zero, "SCHED_OTHER is not RT-throttled");
        Assert.That(BusyPollPlan.For(1, realTime: true, "1000000", "1000000").WaitNanos, Is.Zero, "runtime = period: nothing throttled");
        Assert.That(BusyPollPlan.For(3, realTime: false, null, null).Describe(), Is.EqualTo("md thread busy-polls on CPU 3"));
    }

    [Test]
    public void Unreadable_or_garbled_settings_assume_the_kernel_default()
    {
        Assert.That(BusyPollPlan.For(1, realTime: true, null, null).WaitNanos, Is.EqualTo(7_000_000));
        Assert.That(BusyPollPlan.For(1, realTime: true, "lots", "x").WaitNanos, Is.EqualTo(7_000_000));
        Assert.That(BusyPollPlan.For(1, realTime: true, "500000", "1000000").WaitNanos, Is.EqualTo(52_000_000), "a tighter budget waits longer");
        Assert.That(BusyPollPlan.For(1, realTime: true, "0", "1000000").WaitNanos, Is.EqualTo(100_000_000), "no RT budget at all: never spins");
    }
}
