using System.Runtime.CompilerServices;

namespace Velox.MarketData.Sync;

/// <summary>
/// Continuity check for a strictly +1 sequence (e.g. Bitfinex SEQ_ALL, one per connection).
/// A gap re-bases on the new number so one loss is reported once.
/// </summary>
public sealed class SequenceTracker
{
    private bool _started;

    /// <summary>Last accepted number (valid once something was seen).</summary>
    public long Last { get; private set; }

    /// <summary>Numbers checked since construction.</summary>
    public long Checked { get; private set; }

    /// <summary>Gaps seen since construction.</summary>
    public long Gaps { get; private set; }

    /// <summary>Stale (duplicate or backwards) numbers seen since construction.</summary>
    public long Stale { get; private set; }

    /// <summary>Checks the next number and advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SequenceCheck Check(long sequence)
    {
        Checked++;
        if (!_started)
        {
            _started = true;
            Last = sequence;
            return SequenceCheck.First;
        }

        if (sequence == Last + 1)
        {
            Last = sequence;
            return SequenceCheck.InOrder;
        }

        if (sequence <= Last)
        {
            Stale++;
            return SequenceCheck.Stale;
        }

        Gaps++;
        Last = sequence;
        return SequenceCheck.Gap;
    }

    /// <summary>Forgets the base (new connection); counters are kept.</summary>
    public void Reset()
    {
        _started = false;
        Last = 0;
    }
}
