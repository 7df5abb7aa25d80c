using System.Diagnostics;
using Velox.Ipc.Agents;
using Velox.Ipc.Platform;

namespace Velox.Ipc.Tests.Agents;

public class IdleStrategyTests
{
    [Test]
    public void EachStrategyReturnsWithoutAllocating()
    {
        var spin = default(BusySpinIdleStrategy);
        var yielding = default(YieldingIdleStrategy);
        var backoff = new BackoffIdleStrategy(10, 10, 1_000, 100_000);
        var sleeping = new SleepingIdleStrategy(50_000);
        Measure(ref spin, 10_000, "busy-spin");
        Measure(ref yielding, 10_000, "yielding");
        Measure(ref backoff, 200, "backoff");
        Measure(ref sleeping, 50, "sleeping (50 us)");
    }

    [Test]
    public void BackoffDoublesItsParkUpToTheBoundAndResetsOnWork()
    {
        var backoff = new BackoffIdleStrategy(2, 2, 1_000, 4_000);
        for (var i = 0; i < 4; i++)
        {
            backoff.Idle(0);
        }

        Assert.That(backoff.ParkNanos, Is.EqualTo(1_000));
        backoff.Idle(0);
        backoff.Idle(0);
        backoff.Idle(0);
        Assert.That(backoff.ParkNanos, Is.EqualTo(4_000));
        backoff.Idle(1);
        Assert.That(backoff.ParkNanos, Is.EqualTo(1_000));
    }

    [Test]
    public void SleepNanosSleepsAtLeastTheRequest()
    {
        ThreadScheduling.SleepNanos(100_000);
        var watch = Stopwatch.StartNew();
        ThreadScheduling.SleepNanos(200_000);
        Assert.That(watch.Elapsed.TotalMicroseconds, Is.GreaterThanOrEqualTo(200));
    }

    private static void Measure<TIdle>(ref TIdle idle, int iterations, string name)
        where TIdle : struct, IIdleStrategy
    {
        idle.Idle(0);
        idle.Reset();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            idle.Idle(0);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        TestContext.Out.WriteLine($"{name}: {elapsed.TotalNanoseconds / iterations:F0} ns per idle iteration");
        Assert.That(allocated, Is.Zero, name);
    }
}
