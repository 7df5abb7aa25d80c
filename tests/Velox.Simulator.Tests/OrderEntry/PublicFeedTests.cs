using System.Text.Json;
using Velox.Simulator.Market;

namespace Velox.Simulator.Tests.OrderEntry;

public class PublicFeedTests
{
    [Test]
    public void TakingSyntheticLiquidity_UpdatesThePublicBookWithValidChecksumsAndPrintsTrades()
    {
        var d = new TradingDriver(TradingDriver.StaticOptions());
        d.Auth(nonce: 1);
        d.Send("{\"event\":\"conf\",\"flags\":131072}");
        var book = new WireBook(SimInstrumentSpec.DefaultPriceScale, SimInstrumentSpec.DefaultSizeScale);
        var subscribed = d.Send("{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}");
        var bookChan = Frames.ChanIdOf(subscribed[0]);
        book.ApplySnapshot(Frames.Parse(subscribed[1])[1]);
        var trades = d.Send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
        var tradeChan = Frames.ChanIdOf(trades[0]);

        var asks = d.Session.Market[0].Asks;
        var amount = asks[0].Size + asks[1].Size + (asks[2].Size / 3);
        var frames = d.Send(TradingDriver.NewOrder("EXCHANGE MARKET", Velox.Core.Numerics.JsNumberFormat.ToString(amount, 8)));

        var checksums = 0;
        foreach (var frame in frames.Where(f => Frames.IsChannel(f, bookChan)))
        {
            var root = Frames.Parse(frame);
            if (root[1].ValueKind == JsonValueKind.Array)
            {
                book.Apply(root[1]);
            }
            else
            {
                Assert.That(root[2].GetInt32(), Is.EqualTo(book.FixedPointChecksum()));
                checksums++;
            }
        }

        Assert.That(checksums, Is.EqualTo(3), "two levels removed, one shrunk");
        var publicTrades = frames.Where(f => Frames.IsChannel(f, tradeChan)).Select(f => Frames.Parse(f)).ToList();
        Assert.That(publicTrades, Has.Count.EqualTo(3));
        Assert.That(publicTrades.All(t => t[1].GetString() == "te" && t[2][2].GetDouble() > 0), Is.True, "buy-side public trades");
        Assert.That(TradingDriver.OfType(frames, "te"), Has.Count.EqualTo(3));
    }
}
