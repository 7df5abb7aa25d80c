using System.Globalization;
using System.Text;
using Velox.Core.Numerics;

namespace Velox.Core.Tests;

public class JsNumberFormatTests
{
    // Expected strings are what node prints for Number(x).toString().
    [TestCase("7e-7", 10, "7e-7")]
    [TestCase("6.6e-7", 10, "6.6e-7")]
    [TestCase("-3.5e-7", 10, "-3.5e-7")]
    [TestCase("1e-8", 10, "1e-8")]
    [TestCase("0.000001", 10, "0.000001")]
    [TestCase("0.00000109", 10, "0.00000109")]
    [TestCase("0.0000011", 10, "0.0000011")]
    [TestCase("0.00000099", 10, "9.9e-7")]
    [TestCase("266122.94", 8, "266122.94")]
    [TestCase("500793.10790141", 8, "500793.10790141")]
    [TestCase("-1", 8, "-1")]
    [TestCase("6443.1", 8, "6443.1")]
    [TestCase("100", 2, "100")]
    [TestCase("9e18", 0, "9000000000000000000")]
    [TestCase("0", 8, "0")]
    [TestCase("0.1", 1, "0.1")]
    [TestCase("2.5e-11", 12, "2.5e-11")]
    public void Prints_like_JavaScript(string wire, int scale, string expected)
    {
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(wire), scale, out var raw), Is.True);
        Assert.That(JsNumberFormat.ToString(raw, scale), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_the_shortest_double_text_for_random_exchange_like_values()
    {
        // For values of at most 15 significant digits, JS prints the shortest round-trip text of the double:
        // the same digits .NET's "R" gives; only the exponent style differs. Compare digit-wise.
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            var scale = random.Next(0, 15);
            var raw = random.NextInt64(1, 999_999_999_999_999) * (random.Next(2) == 0 ? 1 : -1);
            var js = JsNumberFormat.ToString(raw, scale);
            var value = double.Parse(js, CultureInfo.InvariantCulture);
            var expected = (raw / Math.Pow(10, scale)).ToString("R", CultureInfo.InvariantCulture);
            Assert.That(value, Is.EqualTo(double.Parse(expected, CultureInfo.InvariantCulture)), $"{raw}@{scale} -> {js}");
            Assert.That(js.Contains('E'), Is.False);
        }
    }

    [Test]
    public void Reports_a_short_destination()
    {
        Span<byte> small = stackalloc byte[2];
        Assert.That(JsNumberFormat.TryFormat(7_000, 10, small, out var written), Is.False);
        Assert.That(written, Is.Zero);
    }
}
