using System.Diagnostics;
using System.Globalization;
using System.Text;
using Velox.Ipc.Platform;

namespace Velox.Host.Doctor;

/// <summary>
/// `velox doctor --jitter`: how often the machine takes a CPU away from a thread that never yields. The thread pins
/// itself to one CPU and reads the clock in a tight loop; every step between two reads longer than 1 µs is time
/// something else had the CPU (timer ticks, interrupts, the hypervisor, other threads). That is the floor under any
/// tick-to-trade tail on the CPU: a decision of a few µs that such a gap lands in takes the gap's length longer.
/// Run it under the priority the trading thread gets (e.g. <c>chrt -f 50</c>), on the CPU it gets.
/// </summary>
public sealed class JitterProbe
{
    /// <summary>Lower bounds of the gap buckets, in nanoseconds; the last bucket is open-ended.</summary>
    public static ReadOnlySpan<long> BucketFloors => [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

    private readonly long[] _counts = new long[BucketFloors.Length];

    /// <summary>Clock reads taken.</summary>
    public long Reads { get; private set; }

    /// <summary>Nanoseconds observed in total.</summary>
    public long ObservedNanos { get; private set; }

    /// <summary>Nanoseconds lost in gaps of at least 1 µs.</summary>
    public long StolenNanos { get; private set; }

    /// <summary>The longest gap, in nanoseconds.</summary>
    public long MaxGapNanos { get; private set; }

    /// <summary>Gaps per bucket of <see cref="BucketFloors"/>.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Gaps of at least <paramref name="floorNanos"/> (a bucket floor).</summary>
    public long GapsAtLeast(long floorNanos)
    {
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (BucketFloors[i] >= floorNanos)
            {
                total += _counts[i];
            }
        }

        return total;
    }

    /// <summary>Counts one step between two clock reads.</summary>
    public void Record(long stepNanos)
    {
        Reads++;
        ObservedNanos += stepNanos;
        if (stepNanos > MaxGapNanos)
        {
            MaxGapNanos = stepNanos;
        }

        if (stepNanos < BucketFloors[0])
        {
            return;
        }

        StolenNanos += stepNanos;
        var bucket = BucketFloors.Length - 1;
        while (stepNanos < BucketFloors[bucket])
        {
            bucket--;
        }

        _counts[bucket]++;
    }

    /// <summary>
    /// Spins on the calling thread for <paramref name="duration"/> (pinned to <paramref name="cpu"/> when not negative,
    /// its CPUs given back afterwards); returns the pinning error, 0 when none.
    /// </summary>
    public int Run(int cpu, TimeSpan duration)
    {
        var previous = cpu >= 0 ? ThreadScheduling.CurrentThreadAffinity() : [];
        var pinError = cpu >= 0 ? ThreadScheduling.PinCurrentThread(cpu) : 0;
        Spin(duration);
        if (pinError == 0 && previous.Length > 0)
        {
            ThreadScheduling.SetCurrentThreadAffinity(previous);
        }

        return pinError;
    }

    private void Spin(TimeSpan duration)
    {
        var frequency = Stopwatch.Frequency;
        var previous = Stopwatch.GetTimestamp();
        var end = previous + (long)(duration.TotalSeconds * frequency);
        while (previous < end)
        {
            var now = Stopwatch.GetTimestamp();
            Record((long)((now - previous) * (1e9 / frequency)));
            previous = now;
        }
    }

    /// <summary>The report: gaps per bucket and per second, the stolen share and the longest gap.</summary>
    public string Format(int cpu)
    {
        var seconds = ObservedNanos / 1e9;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"jitter on CPU {(cpu < 0 ? "any" : cpu.ToString(CultureInfo.InvariantCulture))} (policy {PolicyName(ThreadScheduling.CurrentThreadPolicy())}), {seconds:F1} s, {Reads:N0} clock reads: ");
        text.Append(CultureInfo.InvariantCulture, $"{100.0 * StolenNanos / Math.Max(1, ObservedNanos):F3} % of the time in gaps of 1 µs or more, longest {MaxGapNanos / 1000.0:F1} µs");
        for (var i = 0; i < _counts.Length; i++)
        {
            var label = i + 1 < _counts.Length ? $"{Micros(BucketFloors[i])}-{Micros(BucketFloors[i + 1])} µs" : $">= {Micros(BucketFloors[i])} µs";
            text.Append(CultureInfo.InvariantCulture, $"\n  {label,-16} {_counts[i],10:N0}  ({_counts[i] / Math.Max(seconds, 1e-9),9:F1}/s)");
        }

        return text.ToString();
    }

    private static string PolicyName(int policy) => policy switch
    {
        ThreadScheduling.SchedOther => "SCHED_OTHER",
        ThreadScheduling.SchedFifo => "SCHED_FIFO",
        ThreadScheduling.SchedRoundRobin => "SCHED_RR",
        _ => policy.ToString(CultureInfo.InvariantCulture),
    };

    private static string Micros(long nanos) => (nanos / 1000).ToString(CultureInfo.InvariantCulture);
}
