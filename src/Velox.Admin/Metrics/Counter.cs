using System.Runtime.InteropServices;

namespace Velox.Admin.Metrics;

/// <summary>
/// A monotonically increasing count written by one thread (the component that owns it) and read by the
/// admin thread at scrape time. Writes are a plain load/add/store published with a release store: no lock,
/// no interlocked instruction, no allocation. Use <see cref="AddShared"/> only where several threads count.
/// </summary>
public sealed class Counter
{
    private PaddedLong _value;

    /// <summary>The current count (acquire read; any thread).</summary>
    public long Value => Volatile.Read(ref _value.Value);

    /// <summary>Adds one; single writer only.</summary>
    public void Increment() => Volatile.Write(ref _value.Value, _value.Value + 1);

    /// <summary>Adds <paramref name="delta"/> (not negative); single writer only.</summary>
    public void Add(long delta) => Volatile.Write(ref _value.Value, _value.Value + delta);

    /// <summary>
    /// Mirrors a count the owner keeps elsewhere (e.g. a session's own statistics): stores it when it is
    /// larger, so the exported series never goes backwards. Single writer only.
    /// </summary>
    public void Mirror(long total)
    {
        if (total > _value.Value)
        {
            Volatile.Write(ref _value.Value, total);
        }
    }

    /// <summary>Adds <paramref name="delta"/> atomically; for counters with several writers.</summary>
    public void AddShared(long delta) => Interlocked.Add(ref _value.Value, delta);

    // The owner's thread writes this line on every event: keep it away from its neighbours' cache lines.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
