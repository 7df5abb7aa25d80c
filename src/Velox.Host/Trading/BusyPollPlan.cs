using System.Globalization;
using Velox.Ipc.Platform;

namespace Velox.Host.Trading;

/// <summary>
/// How the md thread of `velox run` busy-polls when <c>cpus.md</c> gives it a CPU: pinned there, it spins on
/// non-blocking reads instead of sleeping in poll() between frames, so a decision does not start on caches and
/// TLB that another thread used while it slept. A real-time thread (SCHED_FIFO/RR, e.g. under <c>chrt</c>) that
/// never sleeps trips the kernel's RT throttling (<c>kernel.sched_rt_runtime_us</c> of
/// <c>kernel.sched_rt_period_us</c>, 950,000 of 1,000,000 by default) and is stopped for the rest of each period
/// (50 ms); so while throttling is on, the thread waits on its socket (it still wakes on data) for the throttled
/// share plus two points of every 100 ms window and spins the rest. Throttling off (−1, the appliance's tuning)
/// or a SCHED_OTHER thread: it spins all the time.
/// </summary>
public readonly record struct BusyPollPlan(int Cpu, long PeriodNanos, long WaitNanos)
{
    /// <summary>The window the spin/wait split repeats over.</summary>
    public const long WindowNanos = 100_000_000;

    /// <summary>Extra share of the window spent waiting, on top of the throttled share (the thread also runs while it waits).</summary>
    public const double MarginShare = 0.02;

    /// <summary>Spinning part of each window.</summary>
    public long SpinNanos => PeriodNanos - WaitNanos;

    /// <summary>
    /// The plan for a thread pinned to <paramref name="cpu"/>: <paramref name="realTime"/> says whether it runs
    /// SCHED_FIFO/RR; the two texts are the contents of /proc/sys/kernel/sched_rt_runtime_us and sched_rt_period_us
    /// (null or unreadable: the kernel default 950,000 / 1,000,000 is assumed).
    /// </summary>
    public static BusyPollPlan For(int cpu, bool realTime, string? runtimeText, string? periodText)
    {
        if (!realTime)
        {
            return new BusyPollPlan(cpu, WindowNanos, 0);
        }

        var runtime = Parse(runtimeText, 950_000);
        var period = Parse(periodText, 1_000_000);
        if (runtime < 0 || period <= 0 || runtime >= period)
        {
            return new BusyPollPlan(cpu, WindowNanos, 0);
        }

        var share = ((double)(period - runtime) / period) + MarginShare;
        return new BusyPollPlan(cpu, WindowNanos, (long)Math.Min(WindowNanos, share * WindowNanos));
    }

    /// <summary>The plan for the calling thread's policy and this machine's throttling settings (cold path).</summary>
    public static BusyPollPlan ForThisMachine(int cpu)
    {
        var policy = ThreadScheduling.CurrentThreadPolicy();
        var realTime = policy is ThreadScheduling.SchedFifo or ThreadScheduling.SchedRoundRobin;
        return For(cpu, realTime, Read("/proc/sys/kernel/sched_rt_runtime_us"), Read("/proc/sys/kernel/sched_rt_period_us"));
    }

    /// <summary>One line for the run's header.</summary>
    public string Describe() => WaitNanos == 0
        ? string.Create(CultureInfo.InvariantCulture, $"md thread busy-polls on CPU {Cpu}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"md thread busy-polls on CPU {Cpu}, waiting on its socket {WaitNanos / 1_000_000.0:0.#} ms of every {PeriodNanos / 1_000_000} ms (real-time thread, kernel RT throttling on)");

    private static long Parse(string? text, long fallback) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
