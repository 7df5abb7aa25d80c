using System.Globalization;
using System.Text;
using Velox.Logging.Formatting;

namespace Velox.Logging.Tests.Formatting;

public class Utf8LineTests
{
    [TestCase("1970-01-01T00:00:00.000000Z", 0L)]
    [TestCase("2026-11-21T10:57:39.123456Z", 1_795_258_659_123_456_789L)]
    [TestCase("2024-02-29T23:59:59.999999Z", 1_709_251_199_999_999_999L)]
    [TestCase("2000-03-01T00:00:00.000001Z", 951_868_800_000_001_000L)]
    [TestCase("1969-12-31T23:59:59.999999Z", -1L)]
    public void IsoTimeHasMicrosecondsAndTruncates(string expected, long epochNanos) =>
        Assert.That(Iso(epochNanos), Is.EqualTo("\"" + expected + "\""));

    [Test]
    public void IsoTimeMatchesTheRuntimeCalendarOverManyDates()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks);
            var nanos = ((ticks - DateTime.UnixEpoch.Ticks) * 100) + random.Next(100);
            var expected = new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            Assert.That(Iso(nanos), Is.EqualTo("\"" + expected + "\""), $"epoch nanos {nanos}");
        }
    }

    [TestCase(123L, 8, "0.00000123")]
    [TestCase(-123L, 8, "-0.00000123")]
    [TestCase(6_183_763L, 2, "61837.63")]
    [TestCase(500_000_000L, 8, "5")]
    [TestCase(0L, 8, "0")]
    [TestCase(long.MaxValue, 18, "9.223372036854775807")]
    [TestCase(long.MinValue, 0, "-9223372036854775808")]
    public void DecimalsAreExactText(long raw, int scale, string expected)
    {
        var line = new Utf8Line(8);
        line.AppendDecimal(raw, scale);
        Assert.That(Encoding.ASCII.GetString(line.Written), Is.EqualTo(expected));
    }

    [Test]
    public void TheBufferGrowsForALongLine()
    {
        var line = new Utf8Line(64);
        for (var i = 0; i < 1_000; i++)
        {
            line.AppendLong(i);
            line.Append((byte)',');
        }

        var text = Encoding.ASCII.GetString(line.Written);
        Assert.That(text.Split(',', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1_000));
        Assert.That(text, Does.StartWith("0,1,2,").And.EndWith("998,999,"));
    }

    private static string Iso(long epochNanos)
    {
        var line = new Utf8Line(64);
        line.AppendIsoTime(epochNanos);
        return Encoding.ASCII.GetString(line.Written);
    }
}
