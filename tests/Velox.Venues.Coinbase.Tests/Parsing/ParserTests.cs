using System.Text;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Requests;

namespace Velox.Venues.Coinbase.Tests.Parsing;

public sealed class ParserTests
{
    [TestCase("2021-04-17T16:43:37.089723Z", 2021, 4, 17, 16, 43, 37, 89)]
    [TestCase("2021-04-17T16:43:37Z", 2021, 4, 17, 16, 43, 37, 0)]
    [TestCase("2024-02-29T23:59:59.9Z", 2024, 2, 29, 23, 59, 59, 900)]
    [TestCase("1970-01-01T00:00:00.000Z", 1970, 1, 1, 0, 0, 0, 0)]
    public void IsoTimeToUnixMillis(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.That(IsoTime.TryParseUnixMillis(Encoding.ASCII.GetBytes(text), out var millis), Is.True);
        Assert.That(millis, Is.EqualTo(new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero).ToUnixTimeMilliseconds()));
    }

    [TestCase("")]
    [TestCase("2021-04-17 16:43:37Z")]
    [TestCase("2021-04-17T16:43:37.08x723Z")]
    [TestCase("2021-13-17T16:43:37Z")]
    [TestCase("2021-04-17T16:43:37+00:00")]
    public void IsoTimeRejects(string text) =>
        Assert.That(IsoTime.TryParseUnixMillis(Encoding.ASCII.GetBytes(text), out _), Is.False);

    [Test]
    public void ParsesFieldsInAnyOrder()
    {
        var frame = "{\"time\":\"2021-04-17T16:43:37Z\",\"sequence\":5,\"product_id\":\"SKL-USD\",\"extra\":{\"a\":[1,{\"b\":\"]\"}]},\"type\":\"match\",\"trade_id\":7}"u8;
        Assert.That(CoinbaseMessageParser.TryParse(frame, out var m, out var error), Is.True, error.ToString());
        Assert.That(m.Type, Is.EqualTo(CoinbaseMessageType.Match));
        Assert.That(Encoding.ASCII.GetString(m.ProductId), Is.EqualTo("SKL-USD"));
        Assert.That((m.Sequence, m.TradeId), Is.EqualTo((5L, 7L)));
    }

    [Test]
    public void RequestsAreTheDocumentedJson()
    {
        var buffer = new byte[CoinbaseRequests.MaxLength];
        Assert.That(CoinbaseRequests.TryWriteSubscribe(buffer, "BTC-USD"u8, CoinbaseChannels.Level2 | CoinbaseChannels.Heartbeat, out var n), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, n), Is.EqualTo("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"level2\",\"heartbeat\"]}"));
        Assert.That(CoinbaseRequests.TryWriteUnsubscribe(buffer, "BTC-USD"u8, CoinbaseChannels.Matches, out n), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer, 0, n), Is.EqualTo("{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"matches\"]}"));
        Assert.That(CoinbaseRequests.TryWriteSubscribe(buffer.AsSpan(0, 20), "BTC-USD"u8, CoinbaseChannels.Level2, out _), Is.False);
        Assert.That(CoinbaseRequests.TryWriteSubscribe(buffer, "BTC-USD"u8, CoinbaseChannels.None, out _), Is.False);
    }
}
