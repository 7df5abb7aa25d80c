using System.Diagnostics.CodeAnalysis;

namespace Velox.Simulator.Faults;

/// <summary>
/// When each connection misbehaves: an explicit list of (time, fault), optionally repeated every
/// <see cref="RepeatEveryMillis"/>. Times count from the connection's start, so every connection
/// of a server follows the same script.
/// </summary>
public sealed class FaultSchedule
{
    private readonly ScheduledFault[] _faults;

    /// <summary>Creates a schedule; faults are sorted by time.</summary>
    public FaultSchedule(IEnumerable<ScheduledFault> faults, long repeatEveryMillis = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeatEveryMillis);
        _faults = [.. faults];
        Array.Sort(_faults, static (a, b) => a.AtMillis.CompareTo(b.AtMillis));
        if (repeatEveryMillis > 0 && _faults.Length > 0 && _faults[^1].AtMillis > repeatEveryMillis)
        {
            throw new ArgumentException("every fault of a repeating schedule must fall within one period", nameof(faults));
        }

        RepeatEveryMillis = repeatEveryMillis;
    }

    /// <summary>No faults.</summary>
    public static FaultSchedule None { get; } = new([]);

    /// <summary>Period after which the list starts again; 0 = play once.</summary>
    public long RepeatEveryMillis { get; }

    /// <summary>The faults of one period, by time.</summary>
    public ReadOnlySpan<ScheduledFault> Faults => _faults;

    /// <summary>"Every <paramref name="periodMillis"/> ms, fault <paramref name="kind"/>": at 1, 2, 3... periods.</summary>
    public static FaultSchedule Every(long periodMillis, FaultKind kind, int stallMillis = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodMillis, 1);
        return new FaultSchedule([new ScheduledFault(periodMillis, kind, stallMillis)], periodMillis);
    }

    /// <summary><paramref name="count"/> faults drawn from <paramref name="kinds"/> at seeded random times within <paramref name="horizonMillis"/>.</summary>
    [SuppressMessage("Security", "CA5394", Justification = "Reproducible chaos needs a seeded PRNG.")]
    public static FaultSchedule Random(int seed, int count, long horizonMillis, IReadOnlyList<FaultKind> kinds, int stallMillis = 200)
    {
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        var random = new System.Random(seed);
        var faults = new ScheduledFault[count];
        for (var i = 0; i < count; i++)
        {
            faults[i] = new ScheduledFault(random.NextInt64(horizonMillis), kinds[random.Next(kinds.Count)], stallMillis);
        }

        return new FaultSchedule(faults);
    }

    /// <summary>Absolute due time (ms from start) of the <paramref name="ordinal"/>-th fault to fire, or -1 when none is left.</summary>
    public long DueMillis(long ordinal, out ScheduledFault fault)
    {
        fault = default;
        if (_faults.Length == 0 || (RepeatEveryMillis == 0 && ordinal >= _faults.Length))
        {
            return -1;
        }

        var period = ordinal / _faults.Length;
        fault = _faults[ordinal % _faults.Length];
        return (period * RepeatEveryMillis) + fault.AtMillis;
    }
}
