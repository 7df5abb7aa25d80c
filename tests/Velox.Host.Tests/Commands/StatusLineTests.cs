using Velox.Host.Commands;

namespace Velox.Host.Tests.Commands;

/// <summary>The per-venue status lines of <c>velox run --venues</c> keep their columns aligned for every venue name.</summary>
public class StatusLineTests
{
    [Test]
    public void The_venue_column_is_as_wide_as_the_longest_venue_name()
    {
        Assert.That(MultiVenueRun.VenueColumnWidth(["bitfinex", "okx"]), Is.EqualTo(8));
        Assert.That(MultiVenueRun.VenueColumnWidth(["bitfinex", "binance-usdm", "okx"]), Is.EqualTo(12));
    }

    [Test]
    public void Lines_of_a_run_with_binance_usdm_line_up()
    {
        string[] venues = ["binance-usdm", "bitfinex", "okx"];
        var width = MultiVenueRun.VenueColumnWidth(venues);
        var lines = venues.Select(v => MultiVenueRun.FormatLine(v, width, 3, 1_234, default)).ToArray();
        var column = lines[0].IndexOf(" msg/s", StringComparison.Ordinal);
        Assert.That(column, Is.GreaterThan(0));
        foreach (var line in lines)
        {
            Assert.That(line.IndexOf(" msg/s", StringComparison.Ordinal), Is.EqualTo(column), line);
            Assert.That(line.IndexOf('|'), Is.EqualTo(lines[0].IndexOf('|')), line);
        }

        Assert.That(lines[0], Does.StartWith("[    3s] binance-usdm     1,234 msg/s | books 0/0 in sync"));
    }
}
