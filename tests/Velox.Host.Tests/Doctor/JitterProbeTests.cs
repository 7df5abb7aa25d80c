using Velox.Host.Cli;
using Velox.Host.Doctor;
using Velox.Ipc.Platform;

namespace Velox.Host.Tests.Doctor;

/// <summary>`velox doctor --jitter`: the gap histogram, a real short spin, and its argument checks.</summary>
public sealed class JitterProbeTests
{
    [Test]
    public void Steps_fall_into_their_buckets_and_only_gaps_count_as_stolen()
    {
        var probe = new JitterProbe();
        long[] steps = [30, 999, 1_000, 1_999, 4_000, 9_999, 10_000, 25_000, 60_000, 150_000, 2_000_000];
        foreach (var step in steps)
        {
            probe.Record(step);
        }

        Assert.That(probe.Counts.ToArray(), Is.EqualTo(new long[] { 2, 1, 1, 1, 1, 1, 1, 1 }));
        Assert.That(probe.Reads, Is.EqualTo(steps.Length));
        Assert.That(probe.ObservedNanos, Is.EqualTo(steps.Sum()));
        Assert.That(probe.StolenNanos, Is.EqualTo(steps.Sum() - 30 - 999));
        Assert.That(probe.MaxGapNanos, Is.EqualTo(2_000_000));
        Assert.That(probe.GapsAtLeast(10_000), Is.EqualTo(5));
        Assert.That(probe.Format(1), Does.Contain("jitter on CPU 1 (policy SCHED_").And.Contain(">= 1000 µs"));
    }

    [Test]
    public void A_short_spin_observes_about_its_duration_and_gives_the_thread_its_cpus_back()
    {
        var probe = new JitterProbe();
        var before = ThreadScheduling.CurrentThreadAffinity();
        var pinError = probe.Run(Environment.ProcessorCount - 1, TimeSpan.FromMilliseconds(200));

        Assert.That(pinError, Is.Zero);
        Assert.That(ThreadScheduling.CurrentThreadAffinity(), Is.EqualTo(before), "the calling thread is not left pinned");
        Assert.That(probe.Reads, Is.GreaterThan(1_000));
        Assert.That(probe.ObservedNanos, Is.InRange(200_000_000L, 20_000_000_000L));
        Assert.That(probe.StolenNanos, Is.LessThanOrEqualTo(probe.ObservedNanos));
    }

    [TestCase("0", "--jitter takes seconds from 0.1 to 3600")]
    [TestCase("abc", "--jitter takes seconds")]
    [TestCase("5000", "--jitter takes seconds")]
    public void Bad_durations_are_usage_errors(string seconds, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(DoctorCommand.Run(["--jitter", seconds], output, error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain(message));
    }

    [Test]
    public void A_cpu_that_does_not_exist_or_cpu_without_jitter_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(DoctorCommand.Run(["--jitter", "0.1", "--cpu", "4096"], output, error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("--cpu takes a CPU number from 0 to"));
        Assert.That(DoctorCommand.Run(["--cpu", "0"], output, error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("--cpu goes with --jitter"));
    }

    [Test]
    public void The_command_prints_the_report()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(DoctorCommand.Run(["--jitter", "0.1", "--cpu", "0"], output, error), Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(output.ToString(), Does.StartWith("jitter on CPU 0").And.Contain("% of the time in gaps of 1 µs or more"));
    }
}
