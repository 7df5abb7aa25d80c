using System.Text;
using Velox.Core.Numerics;

namespace Velox.Core.Tests;

public class FixedPointTests
{
    [TestCase("61837.63000000", 8, 6_183_763_000_000L)]
    [TestCase("0", 8, 0L)]
    [TestCase("-0", 8, 0L)]
    [TestCase("0.00000109", 10, 10_900L)]
    [TestCase("7e-7", 10, 7_000L)]
    [TestCase("6.6e-7", 10, 6_600L)]
    [TestCase("-3.5e-7", 10, -3_500L)]
    [TestCase("1E+2", 2, 10_000L)]
    [TestCase("1e2", 0, 100L)]
    [TestCase("2e-8", 8, 2L)]
    [TestCase("266122.94", 8, 26_612_294_000_000L)]
    [TestCase("-500793.10790141", 8, -50_079_310_790_141L)]
    [TestCase("12.5000000000000000000000", 2, 1_250L)]
    [TestCase("0.000000000000000000000000001e27", 0, 1L)]
    [TestCase("9223372036854775807", 0, long.MaxValue)]
    [TestCase("-9223372036854775807", 0, -long.MaxValue)]
    [TestCase("19203.444049780002", 12, 19_203_444_049_780_002L)]
    public void Parses_exactly(string text, int scale, long expected)
    {
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var raw, out var status), Is.True, status.ToString());
        Assert.That(raw, Is.EqualTo(expected));
        Assert.That(status, Is.EqualTo(FixedParseStatus.Ok));
    }

    [TestCase("", FixedParseStatus.Empty)]
    [TestCase("-", FixedParseStatus.Empty)]
    [TestCase(".", FixedParseStatus.Empty)]
    [TestCase("abc", FixedParseStatus.InvalidCharacter)]
    [TestCase("1.2.3", FixedParseStatus.InvalidCharacter)]
    [TestCase("12x", FixedParseStatus.InvalidCharacter)]
    [TestCase("1e", FixedParseStatus.InvalidCharacter)]
    [TestCase("1e+", FixedParseStatus.InvalidCharacter)]
    [TestCase("1e99999", FixedParseStatus.InvalidCharacter)]
    [TestCase("--1", FixedParseStatus.InvalidCharacter)]
    [TestCase("0.123", FixedParseStatus.TooManyDecimals)]
    [TestCase("1e-3", FixedParseStatus.TooManyDecimals)]
    [TestCase("1.000000000000000000001", FixedParseStatus.TooManyDecimals)]
    [TestCase("9223372036854775808", FixedParseStatus.Overflow)]
    [TestCase("1e19", FixedParseStatus.Overflow)]
    [TestCase("100000000000", FixedParseStatus.Overflow)]
    [TestCase("123456789012345678901234567890", FixedParseStatus.Overflow)]
    public void Rejects_with_a_reason(string text, FixedParseStatus expected)
    {
        // scale 2 everywhere except the overflow of 1e11 at scale 8 (1e19 raw)
        var scale = text == "100000000000" ? 8 : 2;
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var raw, out var status), Is.False);
        Assert.That(status, Is.EqualTo(expected));
        Assert.That(raw, Is.Zero);
    }

    [Test]
    public void Rejects_scale_beyond_the_maximum()
    {
        Assert.That(FixedPoint.TryParse("1"u8, FixedPoint.MaxScale + 1, out _, out var status), Is.False);
        Assert.That(status, Is.EqualTo(FixedParseStatus.Overflow));
    }

    [TestCase(6_183_763_000_000L, 8, "61837.63")]
    [TestCase(-3_500L, 10, "-0.00000035")]
    [TestCase(5L, 0, "5")]
    [TestCase(0L, 4, "0")]
    [TestCase(long.MinValue, 0, "-9223372036854775808")]
    [TestCase(1L, 18, "0.000000000000000001")]
    public void Formats_plain_decimals(long raw, int scale, string expected) =>
        Assert.That(FixedPoint.ToString(raw, scale), Is.EqualTo(expected));

    [Test]
    public void Format_reports_a_short_destination()
    {
        Span<byte> small = stackalloc byte[3];
        Assert.That(FixedPoint.TryFormat(123_456, 2, small, out var written), Is.False);
        Assert.That(written, Is.Zero);
    }

    [Test]
    public void Random_values_round_trip_through_text()
    {
        var random = new Random(42);
        Span<byte> buffer = stackalloc byte[32];
        for (var i = 0; i < 100_000; i++)
        {
            var raw = random.NextInt64(long.MinValue + 1, long.MaxValue) >> random.Next(0, 60);
            var scale = random.Next(0, FixedPoint.MaxScale + 1);
            Assert.That(FixedPoint.TryFormat(raw, scale, buffer, out var written), Is.True);
            Assert.That(FixedPoint.TryParse(buffer[..written], scale, out var back, out var status), Is.True, status.ToString());
            if (back != raw)
            {
                Assert.Fail($"{raw} at scale {scale} printed as {Encoding.ASCII.GetString(buffer[..written])} parsed back as {back}");
            }
        }
    }

    [Test]
    public void Parsing_allocates_nothing()
    {
        var texts = new[] { "61837.63", "7e-7", "-3.5e-7", "0.00000109", "garbage" };
        long sink = 0;
        for (var warm = 0; warm < 1000; warm++)
        {
            FixedPoint.TryParse(Encoding.ASCII.GetBytes(texts[warm % texts.Length]), 10, out var raw);
            sink += raw;
        }

        var utf8 = texts.Select(Encoding.ASCII.GetBytes).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            FixedPoint.TryParse(utf8[i % utf8.Length], 10, out var raw);
            sink += raw;
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sink, Is.Not.Zero);
    }
}
