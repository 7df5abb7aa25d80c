using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Tests.Events;

public class EventHashTests
{
    private static readonly InstrumentId Instrument = new(3);

    [Test]
    public void Same_events_in_the_same_order_give_the_same_hash()
    {
        Assert.That(Fold(Update(100, 5), Trade(7)), Is.EqualTo(Fold(Update(100, 5), Trade(7))));
        Assert.That(default(EventHash).Value, Is.Zero);
    }

    [Test]
    public void Order_and_every_field_change_the_hash()
    {
        var reference = Fold(Update(100, 5), Trade(7));
        Assert.Multiple(() =>
        {
            Assert.That(Fold(Trade(7), Update(100, 5)), Is.Not.EqualTo(reference), "order");
            Assert.That(Fold(Update(101, 5), Trade(7)), Is.Not.EqualTo(reference), "price");
            Assert.That(Fold(Update(100, 6), Trade(7)), Is.Not.EqualTo(reference), "size");
            Assert.That(Fold(Update(100, 5, receiveNanos: 2), Trade(7)), Is.Not.EqualTo(reference), "receive time");
            Assert.That(Fold(Update(100, 5, Side.Ask), Trade(7)), Is.Not.EqualTo(reference), "side");
            Assert.That(Fold(Update(100, 5), Trade(8)), Is.Not.EqualTo(reference), "trade id");
        });
    }

    [Test]
    public void Book_states_and_tickers_are_counted_and_hashed()
    {
        var hash = default(EventHash);
        hash.OnBookState(Instrument, BookSyncState.InSync, ResyncReason.None);
        var afterState = hash.Value;
        hash.OnTicker(new TickerEvent(Instrument, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        Assert.That(hash.Count, Is.EqualTo(2));
        Assert.That(afterState, Is.Not.Zero);
        Assert.That(hash.Value, Is.Not.EqualTo(afterState));
    }

    private static BookUpdate Update(long price, long size, Side side = Side.Bid, long receiveNanos = 1) =>
        new(Instrument, side, price, size, 1, BookUpdateFlags.None, receiveNanos);

    private static TradeEvent Trade(long id) => new(Instrument, id, 1_700_000_000_000, 100, 5, false, 1);

    private static (ulong, long) Fold(object first, object second)
    {
        var hash = default(EventHash);
        foreach (var e in new[] { first, second })
        {
            if (e is BookUpdate update)
            {
                hash.OnBookUpdate(in update);
            }
            else
            {
                hash.OnTrade((TradeEvent)e);
            }
        }

        return (hash.Value, hash.Count);
    }
}
