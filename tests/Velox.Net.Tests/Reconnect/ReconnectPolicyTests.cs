using Velox.Net.Reconnect;

namespace Velox.Net.Tests.Reconnect;

public sealed class ReconnectPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Stable = TimeSpan.FromSeconds(30);
    private const long Second = 1_000_000_000;

    [Test]
    public void Full_jitter_stays_within_the_exponential_ceiling_and_the_cap()
    {
        var policy = new ReconnectPolicy(Base, Cap, Stable, ReconnectJitter.Full, new Random(1));
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var ceiling = TimeSpan.FromTicks(Math.Min(Cap.Ticks, Base.Ticks << Math.Min(attempt, 40)));
            var delay = policy.NextDelay(attempt * Second);
            Assert.That(delay, Is.InRange(TimeSpan.Zero, ceiling), $"attempt {attempt}");
        }

        Assert.That(policy.Attempt, Is.EqualTo(200));
    }

    [Test]
    public void Full_jitter_reaches_the_cap_region_after_enough_attempts()
    {
        var policy = new ReconnectPolicy(Base, Cap, Stable, ReconnectJitter.Full, new Random(2));
        var max = TimeSpan.Zero;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var delay = policy.NextDelay(0);
            max = delay > max ? delay : max;
        }

        Assert.That(max, Is.GreaterThan(Cap / 2));
        Assert.That(max, Is.LessThanOrEqualTo(Cap));
    }

    [Test]
    public void Decorrelated_jitter_stays_between_base_and_three_times_previous_and_the_cap()
    {
        var policy = new ReconnectPolicy(Base, Cap, Stable, ReconnectJitter.Decorrelated, new Random(3));
        var previous = Base;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var delay = policy.NextDelay(0);
            var upper = TimeSpan.FromTicks(Math.Min(Cap.Ticks, previous.Ticks * 3));
            Assert.That(delay, Is.InRange(Base, upper), $"attempt {attempt}");
            previous = delay;
        }
    }

    [Test]
    public void Same_seed_gives_the_same_delays()
    {
        foreach (var jitter in new[] { ReconnectJitter.Full, ReconnectJitter.Decorrelated })
        {
            var a = new ReconnectPolicy(Base, Cap, Stable, jitter, new Random(9));
            var b = new ReconnectPolicy(Base, Cap, Stable, jitter, new Random(9));
            for (var i = 0; i < 50; i++)
            {
                Assert.That(a.NextDelay(i), Is.EqualTo(b.NextDelay(i)));
            }
        }
    }

    [Test]
    public void A_stable_connection_resets_the_backoff()
    {
        var policy = new ReconnectPolicy(Base, Cap, Stable, ReconnectJitter.Full, new Random(4));
        for (var i = 0; i < 10; i++)
        {
            policy.NextDelay(0);
        }

        policy.OnConnected(100 * Second);
        var delay = policy.NextDelay(131 * Second);
        Assert.That(policy.Attempt, Is.EqualTo(1));
        Assert.That(delay, Is.LessThanOrEqualTo(Base));
    }

    [Test]
    public void A_short_lived_connection_keeps_backing_off()
    {
        var policy = new ReconnectPolicy(Base, Cap, Stable, ReconnectJitter.Full, new Random(5));
        for (var i = 0; i < 10; i++)
        {
            policy.NextDelay(0);
        }

        policy.OnConnected(100 * Second);
        policy.NextDelay(129 * Second);
        Assert.That(policy.Attempt, Is.EqualTo(11));
    }

    [Test]
    public void Rejects_inconsistent_configuration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.Zero, Cap, Stable, ReconnectJitter.Full, new Random()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(Cap, Base, Stable, ReconnectJitter.Full, new Random()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(Base, Cap, TimeSpan.FromSeconds(-1), ReconnectJitter.Full, new Random()));
    }
}
