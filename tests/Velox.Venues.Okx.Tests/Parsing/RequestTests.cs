using System.Text;
using Velox.Venues.Okx.Requests;

namespace Velox.Venues.Okx.Tests.Parsing;

public sealed class RequestTests
{
    [Test]
    public void SubscribeAndUnsubscribeMatchTheV5Format()
    {
        Span<byte> buffer = stackalloc byte[OkxRequests.MaxLength];

        Assert.That(OkxRequests.TryWriteSubscribe(buffer, OkxChannel.Books, "BTC-USDT"u8, out var written), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}"));
        Assert.That(OkxRequests.TryWriteUnsubscribe(buffer, OkxChannel.Tickers, "UNI-USD-SWAP"u8, out written), Is.True);
        Assert.That(Encoding.UTF8.GetString(buffer[..written]), Is.EqualTo("{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"UNI-USD-SWAP\"}]}"));
    }

    [Test]
    public void TooSmallBufferFailsWithoutWriting()
    {
        Span<byte> buffer = stackalloc byte[20];
        Assert.That(OkxRequests.TryWriteSubscribe(buffer, OkxChannel.Trades, "BTC-USDT"u8, out var written), Is.False);
        Assert.That(written, Is.Zero);
    }
}
