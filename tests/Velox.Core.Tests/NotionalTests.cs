using Velox.Core.Numerics;

namespace Velox.Core.Tests;

public class NotionalTests
{
    [Test]
    public void Multiplies_with_exact_rescaling()
    {
        // 61837.63 (scale 2) × 1.5 (scale 8) = 92756.445 at scale 4
        Assert.That(Notional.TryCompute(new Price(6_183_763), 2, new Quantity(150_000_000), 8, 4, out var raw), Is.True);
        Assert.That(raw, Is.EqualTo(927_564_450));
    }

    [Test]
    public void Uses_a_wide_intermediate()
    {
        // 9e10 (scale 8) × 9e10 (scale 8) = 8.1e21 overflows 64 bits before rescaling; at scale -? it must still work:
        // 90_000 (scale 0) x 1e9 (scale 9) = 90_000 (scale 0): product 9e13*1e9 = 9e22 raw before the shift.
        Assert.That(Notional.TryCompute(new Price(90_000), 0, new Quantity(1_000_000_000_000_000_000), 9, 0, out var raw), Is.True);
        Assert.That(raw, Is.EqualTo(90_000_000_000_000));
    }

    [Test]
    public void Refuses_overflow_and_lost_digits()
    {
        Assert.That(Notional.TryCompute(new Price(long.MaxValue), 0, new Quantity(2), 0, 0, out _), Is.False);
        Assert.That(Notional.TryCompute(new Price(15), 1, new Quantity(1), 0, 0, out _), Is.False);
        Assert.That(Notional.TryCompute(new Price(-15), 1, new Quantity(2), 0, 0, out var raw), Is.True);
        Assert.That(raw, Is.EqualTo(-3));
    }
}
