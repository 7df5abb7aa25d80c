using Velox.Core.Instruments;
using Velox.MarketData.Events;
using Velox.Strategies.Arbitrage;
using Velox.Strategies.Execution;
using Velox.Strategies.Hosting;
using Velox.Trading.Oms;
using Velox.Venues.Binance.Session;
using Velox.Venues.Bitfinex.Channels;

namespace Velox.Host.Trading.Arbitrage;

/// <summary>
/// The strategy side of `velox run --strategy arb`: the arbitrage host, the two books it reads (Bitfinex's
/// subscription, Binance's depth), tick-to-trade, and the report counters (all venues, and fills per
/// instrument). Reports of both gateways arrive here after the engine applied them. While <see cref="Trading"/>
/// is false (gateways not ready yet, or shutdown) market data only updates the market view and no decision is made.
/// </summary>
public sealed class ArbitrageDesk<TSink> : IReportListener
    where TSink : struct, IOrderSink
{
    private readonly BitfinexSubscription _bitfinexBook;
    private readonly BinanceSymbol _binanceSymbol;
    private readonly long[] _fills;
    private readonly DeferredBooks _books;

    public ArbitrageDesk(StrategyHost<CrossVenueArbitrage<TSink>, TSink> host, BitfinexSubscription bitfinexBook, BinanceSymbol binanceSymbol, TickToTrade tickToTrade, int instruments)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(bitfinexBook);
        ArgumentNullException.ThrowIfNull(binanceSymbol);
        ArgumentNullException.ThrowIfNull(tickToTrade);
        Host = host;
        _bitfinexBook = bitfinexBook;
        _binanceSymbol = binanceSymbol;
        TickToTrade = tickToTrade;
        Counters = new TradingCounters(host.Router.Engine.Orders);
        _fills = new long[instruments];
        _books = new DeferredBooks(instruments);
    }

    public StrategyHost<CrossVenueArbitrage<TSink>, TSink> Host { get; }

    public TickToTrade TickToTrade { get; }

    public TradingCounters Counters { get; }

    /// <summary>True while the strategy decides (both venues ready, not shutting down).</summary>
    public bool Trading { get; set; }

    /// <summary>Fills applied on <paramref name="instrument"/>.</summary>
    public long Fills(InstrumentId instrument) => _fills[instrument.Value];

    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        Counters.OnReport(report, outcome);
        if (outcome == ReportOutcome.Applied && report.Type == ExecType.Fill && Host.Router.Engine.Orders.TryGet(report.ClientOrderId, out var order))
        {
            _fills[order.Instrument.Value]++;
        }

        // Reports reach the strategy even while it no longer trades: a leg that fills during shutdown must still be seen.
        Host.Strategy.OnExecutionReport(report, outcome);
        Host.Router.SyncStops();
    }

    /// <summary>A report that still has to go through the engine (dry run: from the dry-run venue).</summary>
    public void OnUnappliedReport(in ExecutionReport report)
    {
        var outcome = Host.Router.OnReport(report);
        OnReport(report, outcome);
    }

    /// <summary>
    /// Keeps the latest change of an instrument's book until <see cref="FlushBooks"/>: a Binance diff carries many
    /// levels, and a decision between two of them would see a half-applied book (old levels still there, new ones in).
    /// </summary>
    public void Defer(in BookUpdate update)
    {
        _books.Defer(update);
    }

    /// <summary>After a connector turn (whole frames applied): the strategy decides once per changed book, armed with that frame's receive time.</summary>
    public int FlushBooks()
    {
        var work = 0;
        for (var i = _books.TakeNext(0); i >= 0; i = _books.TakeNext(i + 1))
        {
            work++;
            if (Trading)
            {
                TickToTrade.Arm(_books[i].ReceiveNanos);
                Host.OnBookUpdate(_books[i]);
                TickToTrade.Disarm();
            }
        }

        return work;
    }

    /// <summary>Hands the sessions' current books to the market view (they are replaced on resubscription or resync).</summary>
    public void AttachBooks()
    {
        Attach(_bitfinexBook.Book);
        Attach(_binanceSymbol.Depth?.Book);
    }

    private void Attach(Velox.MarketData.Books.L2Book? book)
    {
        if (book is not null && !ReferenceEquals(Host.Market.Book(book.Instrument), book))
        {
            Host.Market.Attach(book);
        }
    }
}
