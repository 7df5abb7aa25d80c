using System.Runtime.CompilerServices;

namespace Velox.MarketData.Sync;

/// <summary>
/// Continuity of a diff stream whose events carry first/last update ids (<c>U</c>/<c>u</c>, and
/// <c>pu</c> on Binance futures) against a REST snapshot's last update id. Allocation-free.
/// </summary>
public sealed class UpdateIdSync
{
    public UpdateIdSync(UpdateIdRule rule) => Rule = rule;

    public UpdateIdRule Rule { get; }

    /// <summary>A snapshot id is known (and no gap happened since).</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>The first diff after the snapshot has been applied.</summary>
    public bool Bridged { get; private set; }

    /// <summary>The snapshot's last update id.</summary>
    public long SnapshotId { get; private set; }

    /// <summary>Last update id the book reflects (the snapshot id, then each applied diff's <c>u</c>).</summary>
    public long LastId { get; private set; }

    /// <summary>Starts from a snapshot that reflects every change up to <paramref name="lastUpdateId"/>.</summary>
    public void OnSnapshot(long lastUpdateId)
    {
        HasSnapshot = true;
        Bridged = false;
        SnapshotId = lastUpdateId;
        LastId = lastUpdateId;
    }

    /// <summary>Forgets the snapshot (gap, reconnect): every diff is a <see cref="UpdateIdCheck.Gap"/> until the next one.</summary>
    public void Reset()
    {
        HasSnapshot = false;
        Bridged = false;
    }

    /// <summary>Checks a diff with ids <paramref name="first"/>..<paramref name="last"/> (and <paramref name="previous"/> for <see cref="UpdateIdRule.PreviousId"/>); advances on Apply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UpdateIdCheck Check(long first, long last, long previous)
    {
        if (!HasSnapshot)
        {
            return UpdateIdCheck.Gap;
        }

        var ok = Rule == UpdateIdRule.NextId ? CheckNext(first, last) : CheckPrevious(first, last, previous);
        if (ok != UpdateIdCheck.Apply)
        {
            return ok;
        }

        Bridged = true;
        LastId = last;
        return UpdateIdCheck.Apply;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private UpdateIdCheck CheckNext(long first, long last)
    {
        if (last <= LastId)
        {
            return UpdateIdCheck.Stale;
        }

        // Bridge: U <= id+1 (<= u holds as u > id); afterwards strictly U == previous u + 1.
        var chains = Bridged ? first == LastId + 1 : first <= LastId + 1;
        return chains ? UpdateIdCheck.Apply : UpdateIdCheck.Gap;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private UpdateIdCheck CheckPrevious(long first, long last, long previous)
    {
        if (!Bridged)
        {
            // Futures keep the event whose u equals the snapshot id: U <= id <= u.
            if (last < SnapshotId)
            {
                return UpdateIdCheck.Stale;
            }

            return first <= SnapshotId ? UpdateIdCheck.Apply : UpdateIdCheck.Gap;
        }

        if (last <= LastId)
        {
            return UpdateIdCheck.Stale;
        }

        return previous == LastId ? UpdateIdCheck.Apply : UpdateIdCheck.Gap;
    }
}
