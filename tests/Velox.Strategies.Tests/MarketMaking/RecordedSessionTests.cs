using Velox.Core;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Capture;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Strategies.MarketMaking;
using Velox.Testing;
using Velox.Trading;
using Velox.Trading.Oms;
using Velox.Trading.Orders;
using Velox.Trading.Positions;
using Velox.Trading.Risk;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Replay;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Strategies.Tests.MarketMaking;

/// <summary>
/// The market maker on real data: a recorded Bitfinex tBTCUSD session (2018, 100-level book) goes through the
/// Bitfinex session (parser, book, sequence checks) into the strategy host, dry run. Every quote is checked
/// against the book it was priced on.
/// </summary>
public class RecordedSessionTests
{
    private const int MaxFrames = 300_000;
    private const long Tick = 1_000_000_000;

    /// <summary>Feeds the host and attaches each book the session creates (books exist once their subscription is recorded).</summary>
    private readonly struct Feed(BitfinexMarketDataSession session, MarketView market, StrategyHost<MarketMaker<DryRunSink>, DryRunSink> host) : IMarketDataHandler
    {
        public void OnBookUpdate(in BookUpdate update)
        {
            Attach(update.Instrument);
            host.OnBookUpdate(update);
        }

        public void OnTrade(in TradeEvent trade) => host.OnTrade(trade);

        public void OnTicker(in TickerEvent ticker)
        {
        }

        public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
            Attach(instrument);
            host.OnBookState(instrument, state);
        }

        private void Attach(InstrumentId instrument)
        {
            if (market.Book(instrument) is null && session.Find("tBTCUSD", BitfinexChannelType.Book)?.Book is { } book && book.Instrument == instrument)
            {
                market.Attach(book);
            }
        }
    }

    [Test]
    public void RecordedBitfinexSession_QuotesStayOnTickInsideTheBook()
    {
        var path = RequireShared.File("bitfinex/marfusios_bitfinex_raw_2018-11-12.txt.gz");
        var registry = new InstrumentRegistry();
        var btc = registry.Add(BitfinexVenue.Name, "tBTCUSD", BitfinexVenue.DefaultPriceScale, BitfinexVenue.DefaultSizeScale).Id;
        var clock = new ReplayClock();
        var orders = new OrderManager(new OmsOptions { MaxOrders = 4096, MaxInstruments = 1 }, new ClientOrderIdSource(1), clock);
        var positions = new PositionBook(registry);
        var breakers = new CircuitBreakers(new BreakerOptions(), 1);
        var killSwitch = new KillSwitch();
        var risk = new PreTradeRisk(
            new RiskOptions { DefaultLimits = new InstrumentRiskLimits { PriceBandBps = 50 }, VenueOrdersPerSecond = 1_000_000, VenueOrderBurst = 1_000_000, MaxMarketDataAgeNanos = long.MaxValue },
            registry,
            clock,
            orders,
            positions,
            breakers,
            killSwitch);
        var engine = new TradingEngine(orders, risk, positions, breakers, killSwitch, clock);
        var market = new MarketView(1);
        var venue = new DryRunVenue(clock, commandHistory: 1 << 16);
        var parameters = new MarketMakerParameters
        {
            Instrument = btc,
            TickSize = new Price(Tick),
            LotSize = new Quantity(1),
            QuoteSize = new Quantity(1_000_000),
            Levels = 2,
            Spread = BasisPoints.FromWhole(4),
            LevelSpacing = BasisPoints.FromWhole(2),
            ImbalanceSkew = BasisPoints.FromWhole(2),
            ImbalanceDepth = 10,
            MaxInventory = new Quantity(10_000_000),
            RequoteThreshold = BasisPoints.FromWhole(1),
        };
        var host = StrategyHosts.MarketMaker(parameters, engine, market, new DryRunSink(venue), clock);
        var session = BitfinexReplayCheck.NewSession(registry);
        var feed = new Feed(session, market, host);
        var reports = new StrategyHostHandler<MarketMaker<DryRunSink>, DryRunSink>(host);
        long frames = 0, quotes = 0, crossing = 0, offTick = 0;
        using (var reader = CaptureReader.Open(path))
        {
            while (frames < MaxFrames && reader.TryRead(out var record))
            {
                if (record.Direction != CaptureDirection.Inbound)
                {
                    continue;
                }

                frames++;
                session.ProcessFrame(record.Frame.Span, clock.NowNanos(), ref feed);
                while (venue.Commands.TryRead(out var command))
                {
                    if (command.Kind != SinkCommandKind.New)
                    {
                        continue;
                    }

                    quotes++;
                    var book = market.Book(btc)!;
                    var crosses = command.Side == Side.Bid ? command.Price.Raw >= book.Asks.Best.Price : command.Price.Raw <= book.Bids.Best.Price;
                    crossing += crosses ? 1 : 0;
                    offTick += command.Price.Raw % Tick == 0 && command.Type == OrderType.PostOnly ? 0 : 1;
                }

                venue.DrainReports(ref reports);
                clock.Advance(1_000);
            }
        }

        var maker = host.Strategy;
        TestContext.Out.WriteLine($"{frames} frames, {maker.Decisions} decisions, {quotes} quotes, {maker.Requotes} requotes, {maker.QuotesCancelled} cancels, {maker.Deferred} deferred");
        Assert.That(session.Stats.BookUpdates, Is.GreaterThan(10_000), "the recording drives the book");
        Assert.That(maker.Decisions, Is.GreaterThan(10_000));
        Assert.That(quotes, Is.GreaterThan(100));
        Assert.That(maker.Requotes, Is.LessThan(maker.Decisions / 5), "the threshold keeps quotes from churning on every change");
        Assert.That(crossing, Is.Zero, "post-only quotes never cross the book they were priced on");
        Assert.That(offTick, Is.Zero);
        Assert.That(maker.RiskRejects + maker.Refusals, Is.Zero);

        // After fast moves a replacement would cross our own quote still being cancelled: it waits for the cancel ack.
        Assert.That(maker.Deferred, Is.GreaterThan(0));
        Assert.That(engine.Orders.IllegalTransitions, Is.Zero);
        Assert.That(engine.Orders.OpenOrders, Is.LessThanOrEqualTo(4), "at most two levels each side, everything replaced was confirmed cancelled");
    }
}
