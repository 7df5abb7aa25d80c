using System.Globalization;
using System.Text;

namespace Velox.Host.Doctor;

/// <summary>
/// A set of CPU numbers as the kernel writes it ("0-1,4") or as a hex mask ("00000000,00000003").
/// <see cref="ToString"/> is the canonical list, so two sets are equal when their strings are.
/// </summary>
public sealed class CpuSet
{
    private const int MaxCpu = 9999;
    private readonly int[] _cpus;

    private CpuSet(int[] sortedUnique) => _cpus = sortedUnique;

    /// <summary>The set with no CPU.</summary>
    public static CpuSet Empty { get; } = new([]);

    /// <summary>The CPUs in ascending order.</summary>
    public IReadOnlyList<int> Cpus => _cpus;

    public bool IsEmpty => _cpus.Length == 0;

    /// <summary>Parses a CPU list; empty text is the empty set; malformed text fails.</summary>
    public static bool TryParse(string text, out CpuSet set)
    {
        set = Empty;
        if (text.Length == 0)
        {
            return true;
        }

        var cpus = new SortedSet<int>();
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var loText = dash < 0 ? part : part[..dash];
            var hiText = dash < 0 ? part : part[(dash + 1)..];
            if (!TryParseCpu(loText, out var lo) || !TryParseCpu(hiText, out var hi) || lo > hi)
            {
                return false;
            }

            for (var cpu = lo; cpu <= hi; cpu++)
            {
                cpus.Add(cpu);
            }
        }

        set = new CpuSet([.. cpus]);
        return true;
    }

    /// <summary>Parses a hex CPU mask with optional comma separators between 32-bit words.</summary>
    public static bool TryParseHexMask(string text, out CpuSet set)
    {
        set = Empty;
        var hex = text.Replace(",", string.Empty, StringComparison.Ordinal);
        if (hex.Length == 0)
        {
            return false;
        }

        var cpus = new List<int>();
        for (var i = 0; i < hex.Length; i++)
        {
            if (!int.TryParse(hex.AsSpan(hex.Length - 1 - i, 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var digit))
            {
                return false;
            }

            for (var bit = 0; bit < 4; bit++)
            {
                if ((digit >> bit & 1) != 0)
                {
                    cpus.Add(i * 4 + bit);
                }
            }
        }

        set = new CpuSet([.. cpus]);
        return true;
    }

    public bool Contains(int cpu) => Array.BinarySearch(_cpus, cpu) >= 0;

    public bool IsSubsetOf(CpuSet other)
    {
        foreach (var cpu in _cpus)
        {
            if (!other.Contains(cpu))
            {
                return false;
            }
        }

        return true;
    }

    public CpuSet Intersect(CpuSet other) => new([.. _cpus.Where(other.Contains)]);

    public CpuSet Union(CpuSet other) => new([.. new SortedSet<int>(_cpus.Concat(other._cpus))]);

    /// <summary>The canonical list: ascending, runs collapsed ("0-1,4"); empty for the empty set.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _cpus.Length; i++)
        {
            var start = _cpus[i];
            while (i + 1 < _cpus.Length && _cpus[i + 1] == _cpus[i] + 1)
            {
                i++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (_cpus[i] != start)
            {
                text.Append('-').Append(_cpus[i].ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static bool TryParseCpu(string text, out int cpu)
    {
        cpu = 0;
        if (text.Length is 0 or > 4)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        cpu = int.Parse(text, CultureInfo.InvariantCulture);
        return cpu <= MaxCpu;
    }
}
