using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Platform;

/// <summary>
/// Setting the calling thread's CPU mask: it takes effect on that thread only, and bad masks are errors. (Threads it
/// starts inherit the mask under Native AOT, where pthread_create inherits it; the JIT runtime gives a new thread the
/// process's mask, so that part is checked on the AOT binary, not here.)
/// </summary>
public class ThreadAffinityTests
{
    private static readonly int[] CpuZero = [0];

    [Test]
    public void Mask_applies_to_the_calling_thread_only()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("sched_setaffinity is Linux only");
        }

        var before = ThreadScheduling.CurrentThreadAffinity();
        var status = -1;
        int[] inside = [];
        var thread = new Thread(() =>
        {
            status = ThreadScheduling.SetCurrentThreadAffinity(CpuZero);
            inside = ThreadScheduling.CurrentThreadAffinity();
        });
        thread.Start();
        thread.Join();

        Assert.That(status, Is.Zero);
        Assert.That(inside, Is.EqualTo(CpuZero));
        Assert.That(ThreadScheduling.CurrentThreadAffinity(), Is.EqualTo(before), "other threads keep their mask");
    }

    [Test]
    public void Pinning_is_a_one_cpu_mask_and_refuses_cpus_out_of_range()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("sched_setaffinity is Linux only");
        }

        var status = -1;
        int[] inside = [];
        var thread = new Thread(() =>
        {
            status = ThreadScheduling.PinCurrentThread(0);
            inside = ThreadScheduling.CurrentThreadAffinity();
        });
        thread.Start();
        thread.Join();

        Assert.That(status, Is.Zero);
        Assert.That(inside, Is.EqualTo(CpuZero));
        Assert.That(ThreadScheduling.PinCurrentThread(-1), Is.EqualTo(ThreadScheduling.InvalidArgument));
        Assert.That(ThreadScheduling.PinCurrentThread(ThreadScheduling.MaxCpus), Is.EqualTo(ThreadScheduling.InvalidArgument));
    }

    [Test]
    public void Empty_or_out_of_range_masks_are_refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("sched_setaffinity is Linux only");
        }

        Assert.That(ThreadScheduling.SetCurrentThreadAffinity([]), Is.EqualTo(ThreadScheduling.InvalidArgument));
        Assert.That(ThreadScheduling.SetCurrentThreadAffinity([ThreadScheduling.MaxCpus]), Is.EqualTo(ThreadScheduling.InvalidArgument));
    }
}
