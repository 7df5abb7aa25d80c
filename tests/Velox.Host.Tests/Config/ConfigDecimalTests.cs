using Velox.Host.Config;

namespace Velox.Host.Tests.Config;

public class ConfigDecimalTests
{
    [TestCase("0.01", 1, 2)]
    [TestCase("100000", 100000, 0)]
    [TestCase("1e-3", 1, 3)]
    [TestCase("-3.5e-7", -35, 8)]
    [TestCase("0.10", 1, 1)]
    [TestCase("0.000000000000000001", 1, 18)]
    public void Parses_exactly_at_the_smallest_scale(string text, long raw, int scale)
    {
        Assert.That(ConfigDecimal.TryParse(text, out var value), Is.True);
        Assert.That((value.Raw, value.Scale), Is.EqualTo((raw, scale)));
    }

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("1.5.5")]
    [TestCase(" 1")]
    [TestCase("0.0000000000000000001")]
    [TestCase("99999999999999999999")]
    [TestCase("NaN")]
    public void Refuses_what_is_not_an_exact_decimal(string text) =>
        Assert.That(ConfigDecimal.TryParse(text, out _), Is.False);

    [Test]
    public void Rescales_to_an_instrument_scale_without_rounding()
    {
        Assert.That(ConfigDecimal.TryParse("0.01", out var size), Is.True);
        Assert.That(size.TryToRaw(8, out var raw), Is.True);
        Assert.That(raw, Is.EqualTo(1_000_000));
        Assert.That(size.TryToRaw(1, out _), Is.False, "0.01 does not fit one decimal place");
        Assert.That(ConfigDecimal.TryParse("10", out var ten), Is.True);
        Assert.That(ten.TryToRaw(18, out _), Is.False, "10 * 10^18 overflows a long");
    }

    [Test]
    public void Compares_across_scales_and_prints_without_trailing_zeros()
    {
        Assert.That(ConfigDecimal.TryParse("0.5", out var half), Is.True);
        Assert.That(ConfigDecimal.TryParse("0.50001", out var more), Is.True);
        Assert.That(half.CompareTo(more), Is.LessThan(0));
        Assert.That(ConfigDecimal.FromInteger(1).CompareTo(half), Is.GreaterThan(0));
        Assert.That(more.ToString(), Is.EqualTo("0.50001"));
        Assert.That(ConfigDecimal.FromInteger(100000).ToString(), Is.EqualTo("100000"));
    }
}
