using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Support;

/// <summary>Epoch clock the test moves by hand (thread-safe reads).</summary>
internal sealed class ManualClock : IEpochClock
{
    private long _now = 1_700_000_000_000;

    public long NowMillis() => Volatile.Read(ref _now);

    public void Advance(long millis) => Interlocked.Add(ref _now, millis);
}
