using System.Numerics;
using System.Runtime.CompilerServices;

namespace Velox.Core.Metrics;

/// <summary>
/// Log-linear histogram of non-negative values (nanoseconds), in the manner of HdrHistogram: exact below
/// 256, then 128 linear sub-buckets per power of two, so any recorded value is reported within 1/128
/// (0.8 %) of itself. Recording is a few instructions and never allocates; one writer at a time.
/// The bucket layout is exactly HdrHistogram's for lowest discernible value 1, highest trackable value
/// <see cref="long.MaxValue"/> and 2 significant digits (<see cref="HdrBucketCount"/> buckets of
/// <see cref="HdrSubBucketCount"/> sub-buckets), so <see cref="HdrPercentileDistribution"/> prints the
/// same rows HdrHistogram would for the same recordings.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 256;
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = LinearLimit + (55 * SubBuckets);

    /// <summary>HdrHistogram's bucketCount for this layout (2 significant digits up to long.MaxValue).</summary>
    public const int HdrBucketCount = 56;

    /// <summary>HdrHistogram's subBucketCount for this layout.</summary>
    public const int HdrSubBucketCount = 2 * SubBuckets;

    /// <summary>HdrHistogram's numberOfSignificantValueDigits for this layout (decimals in its text output).</summary>
    public const int SignificantValueDigits = 2;

    /// <summary>Number of buckets (counts array length); indexes run from 0 to this minus one.</summary>
    public const int IndexCount = BucketCount;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public long Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>
    /// Standard deviation around the exact <see cref="Mean"/>, each recording taken at the middle of its
    /// bucket (as HdrHistogram does); 0 when empty.
    /// </summary>
    public double StdDeviation
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            var mean = Mean;
            double squares = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_counts[i] != 0)
                {
                    var d = BucketMedian(i) - mean;
                    squares += d * d * _counts[i];
                }
            }

            return Math.Sqrt(squares / Count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long value)
    {
        if (value < 0)
        {
            value = 0;
        }

        _counts[BucketIndex(value)]++;
        Count++;
        Sum += value;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Records <paramref name="count"/> occurrences of <paramref name="value"/> (rebuilding a histogram from its buckets).</summary>
    public void Record(long value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (value < 0)
        {
            value = 0;
        }

        _counts[BucketIndex(value)] += count;
        Count += count;
        Sum += value * count;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>
    /// Sets the exact minimum, maximum and sum of a histogram rebuilt from its buckets with
    /// <see cref="Record(long, long)"/> (which can only know bucket values). False, and nothing changed, when
    /// they cannot be true of these buckets.
    /// </summary>
    public bool TryRestoreTotals(long min, long max, long sum)
    {
        if (Count == 0 || min > max || BucketIndex(min) != BucketIndex(Min) || BucketIndex(max) != BucketIndex(Max))
        {
            return false;
        }

        long lowest = 0, highest = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            lowest += _counts[i] * BucketLowerBound(i);
            highest += _counts[i] * BucketUpperBound(i);
        }

        if (sum < lowest || sum > highest)
        {
            return false;
        }

        Min = min;
        Max = max;
        Sum = sum;
        return true;
    }

    /// <summary>Recordings in the bucket at <paramref name="index"/> (0 to <see cref="IndexCount"/> - 1).</summary>
    public long CountAtIndex(int index) => _counts[index];

    /// <summary>The value at or below which the given percentile (0..100) of recordings fall; 0 when empty.</summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var target = (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100.0 * Count);
        if (target < 1)
        {
            target = 1;
        }

        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= target)
            {
                return Math.Min(BucketUpperBound(i), Max);
            }
        }

        return Max;
    }

    /// <summary>
    /// Recordings in the buckets up to and including the one that holds <paramref name="value"/>: the
    /// cumulative count at <paramref name="value"/>, exact below 256 and within the bucket width (0.8 %) above.
    /// </summary>
    public long CountAtOrBelow(long value)
    {
        if (value < 0)
        {
            return 0;
        }

        var last = Math.Min(BucketIndex(value), _counts.Length - 1);
        long seen = 0;
        for (var i = 0; i <= last; i++)
        {
            seen += _counts[i];
        }

        return seen;
    }

    /// <summary>Adds another histogram's recordings into this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        Sum = 0;
        Min = long.MaxValue;
        Max = 0;
    }

    /// <summary>Copies all recordings into <paramref name="target"/> (which is reset first).</summary>
    public void CopyTo(LatencyHistogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Array.Copy(_counts, target._counts, _counts.Length);
        target.Count = Count;
        target.Sum = Sum;
        target.Min = Min;
        target.Max = Max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BucketIndex(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - SubBucketBits;
        var sub = (int)(value >> shift) - SubBuckets;
        return LinearLimit + ((shift - 1) * SubBuckets) + sub;
    }

    /// <summary>Smallest value that lands in the bucket.</summary>
    public static long BucketLowerBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var sub = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return (long)sub << shift;
    }

    /// <summary>The middle of the bucket, rounded up (HdrHistogram's median equivalent value).</summary>
    public static long BucketMedian(int index)
    {
        var lower = BucketLowerBound(index);
        return lower + ((BucketUpperBound(index) - lower + 1) >> 1);
    }

    /// <summary>Largest value that lands in the bucket.</summary>
    public static long BucketUpperBound(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var sub = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return ((long)(sub + 1) << shift) - 1;
    }
}
