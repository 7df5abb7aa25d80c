using System.Text;
using Velox.Venues.Kraken.Requests;

namespace Velox.Venues.Kraken.Tests.Parsing;

public sealed class RequestTests
{
    [Test]
    public void SubscribeUnsubscribeAndPingMatchTheV1Format()
    {
        Span<byte> buffer = stackalloc byte[KrakenRequests.MaxLength];

        Assert.That(KrakenRequests.TryWriteSubscribe(buffer, KrakenChannel.Book, "XBT/USD"u8, 1000, out var written), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo("{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":1000}}"));
        Assert.That(KrakenRequests.TryWriteUnsubscribe(buffer, KrakenChannel.Trade, "XMR/USD"u8, 0, out written), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo("{\"event\":\"unsubscribe\",\"pair\":[\"XMR/USD\"],\"subscription\":{\"name\":\"trade\"}}"));
        Assert.That(KrakenRequests.TryWritePing(buffer, 7, out written), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo("{\"event\":\"ping\",\"reqid\":7}"));
    }

    [TestCase("XBT/USD", 8)]
    [TestCase("XBT/CHF", 8)]
    [TestCase("GRT/ETH", 10)]
    [TestCase("ADA/XBT", 10)]
    [TestCase("ETH/USDT", 10)]
    public void DefaultPriceScaleFollowsTheQuoteCurrency(string pair, int scale) =>
        Assert.That(KrakenVenue.DefaultPriceScale(Encoding.ASCII.GetBytes(pair)), Is.EqualTo(scale));
}
