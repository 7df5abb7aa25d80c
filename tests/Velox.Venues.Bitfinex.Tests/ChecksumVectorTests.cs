using System.Text;
using Velox.Core.Hashing;
using Velox.Core.Numerics;
using Velox.Testing;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Session;
using Velox.Venues.Bitfinex.Tests.Session;

namespace Velox.Venues.Bitfinex.Tests;

public sealed class ChecksumVectorTests
{
    [Test]
    public void GoVectorVerifiesAfterSnapshotAndUpdate()
    {
        var lines = File.ReadAllLines(RequireShared.File("bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl"));
        var session = SessionTestSupport.NewSession();
        for (var i = 0; i < 5; i++)
        {
            session.Feed(lines[i]);
        }

        Assert.That(session.Flags, Is.EqualTo(BitfinexConfFlags.OrderBookChecksum));
        Assert.That(lines[5], Is.EqualTo("[81757,\"cs\",-1175357890]"));
        Assert.That(session.Feed(lines[5]), Is.EqualTo(FrameOutcome.Checksum));
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1));
        Assert.That(session.Stats.Errors, Is.Zero);

        var book = session.Find("tXRPBTC", BitfinexChannelType.Book)!.Book!;
        Assert.That(BitfinexChecksum.Compute(book, 10, 8), Is.EqualTo(-1175357890));
    }

    [Test]
    public void FixedNotationTextWouldNotMatch()
    {
        var lines = File.ReadAllLines(RequireShared.File("bitfinex/derived/bfx-api-go_checksum_vector_tXRPBTC.jsonl"));
        var session = SessionTestSupport.NewSession();
        for (var i = 0; i < 5; i++)
        {
            session.Feed(lines[i]);
        }

        var book = session.Find("tXRPBTC", BitfinexChannelType.Book)!.Book!;
        var text = new StringBuilder();
        for (var i = 0; i < 25; i++)
        {
            if (i < book.Bids.Count)
            {
                Append(text, book.Bids.AtDepth(i).Price, book.Bids.AtDepth(i).Size);
            }

            if (i < book.Asks.Count)
            {
                Append(text, book.Asks.AtDepth(i).Price, -book.Asks.AtDepth(i).Size);
            }
        }

        var state = Crc32.Append(Crc32.Initial, Encoding.ASCII.GetBytes(text.ToString()));
        var fixedNotation = (int)Crc32.Finish(state);
        Assert.That(text.ToString(), Does.Contain("0.0000007:10000").And.Not.Contain("7e-7"));
        Assert.That(fixedNotation, Is.EqualTo(1293492257), "SOURCES.md: fixed notation gives 1293492257");
        Assert.That(fixedNotation, Is.Not.EqualTo(-1175357890));
    }

    [TestCase(7, 7, "7e-7")]
    [TestCase(66, 8, "6.6e-7")]
    [TestCase(-35, 8, "-3.5e-7")]
    [TestCase(1, 8, "1e-8")]
    [TestCase(109, 8, "0.00000109")]
    [TestCase(1, 6, "0.000001")]
    [TestCase(50079310790141, 8, "500793.10790141")]
    [TestCase(-52810269042633, 8, "-528102.69042633")]
    [TestCase(26612294, 2, "266122.94")]
    public void JsNumberTextMatchesWhatBitfinexPrints(long raw, int scale, string expected)
    {
        Span<byte> buffer = stackalloc byte[JsNumberFormat.MaxLength];
        Assert.That(JsNumberFormat.TryFormat(raw, scale, buffer, out var written), Is.True);
        Assert.That(Encoding.ASCII.GetString(buffer[..written]), Is.EqualTo(expected));
    }

    [TestCase("7e-7", 10, 7000)]
    [TestCase("6.6e-7", 10, 6600)]
    [TestCase("-3.5e-7", 10, -3500)]
    [TestCase("1e-8", 10, 100)]
    [TestCase("2e-8", 10, 200)]
    [TestCase("0.00000109", 10, 10900)]
    [TestCase("500793.10790141", 8, 50079310790141)]
    public void FixedPointParsesBitfinexNumbers(string text, int scale, long expected)
    {
        Assert.That(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var raw), Is.True);
        Assert.That(raw, Is.EqualTo(expected));
    }

    private static void Append(StringBuilder text, long price, long amount)
    {
        if (text.Length > 0)
        {
            text.Append(':');
        }

        text.Append(FixedPoint.ToString(price, 10)).Append(':').Append(FixedPoint.ToString(amount, 8));
    }
}
