using System.Globalization;
using System.Text;
using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.Core.Time;
using Velox.MarketData.Sync;
using Velox.Trading;
using Velox.Trading.Positions;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Trading;

namespace Velox.Host.Trading;

/// <summary>
/// Startup reconciliation of a paper run with its Bitfinex account, before the strategy may trade. After the
/// gateway authenticated, it has the wallet snapshot (<c>ws</c>) and the open-orders snapshot (<c>os</c>) in
/// hand (it turns Ready at the end of <c>os</c>). Then, once:
/// <list type="bullet">
/// <item>Position: the exchange wallet's base-currency balance is compared with the expected one (the deposits
/// the run knows of); the difference is what an earlier run left behind and becomes the opening position of the
/// <see cref="PositionBook"/>, at the current book mid as its cost (no better price is known), so the strategy's
/// inventory limits and skew count it and the breakers' equity starts flat. The quote balance is reported.</item>
/// <item>Open orders: any order resting at the venue that this run's OMS does not know (left by an earlier run)
/// is cancelled, never adopted: a fresh OMS cannot know what it was for, and the strategy quotes anew. One
/// <c>oc_multi {"all":1}</c> goes out before the strategy's first order on the same connection, so the venue
/// handles it first and it cannot touch this run's orders.</item>
/// </list>
/// Differences are reported in <see cref="Report"/> (status output and log) and journalled: the opening position as
/// an OpeningPosition record (journal replay opens it too), each cancelled order as an EarlierOrderCancelled record
/// (venue ids, up to the gateway's unknown-order history). When the gateway's auth fails or
/// the snapshots (and a book mid, when a position has to be priced) do not arrive within the timeout,
/// <see cref="Failure"/> says why and the run refuses to trade. md thread only; runs on the cold path.
/// </summary>
public sealed class StartupReconciliation
{
    private readonly BitfinexOrderGateway _gateway;
    private readonly TradingEngine _engine;
    private readonly Instrument _instrument;
    private readonly BitfinexSubscription _book;
    private readonly IClock _clock;
    private readonly string _baseCurrency;
    private readonly string _quoteCurrency;
    private readonly long _expectedBase;
    private readonly long _expectedQuote;
    private readonly long _timeoutNanos;
    private long _deadline;
    private string? _report;
    private string? _failure;

    /// <param name="gateway">The order gateway attached to the run's connection.</param>
    /// <param name="engine">The engine whose positions are seeded.</param>
    /// <param name="instrument">The instrument traded (a Bitfinex spot pair).</param>
    /// <param name="book">Its book subscription (the mid prices an opening position).</param>
    /// <param name="baseCurrency">Base currency of the pair, e.g. "BTC".</param>
    /// <param name="quoteCurrency">Quote currency, e.g. "USD".</param>
    /// <param name="expectedBase">Expected exchange-wallet base balance, raw at <see cref="BitfinexWallets.Scale"/>.</param>
    /// <param name="expectedQuote">Expected quote balance, raw at <see cref="BitfinexWallets.Scale"/>.</param>
    /// <param name="clock">The run's monotonic clock.</param>
    /// <param name="timeout">How long the first auth and snapshots may take.</param>
    public StartupReconciliation(
        BitfinexOrderGateway gateway, TradingEngine engine, Instrument instrument, BitfinexSubscription book, string baseCurrency, string quoteCurrency,
        long expectedBase, long expectedQuote, IClock clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(book);
        _gateway = gateway;
        _engine = engine;
        _instrument = instrument;
        _book = book;
        _clock = clock;
        _baseCurrency = baseCurrency;
        _quoteCurrency = quoteCurrency;
        _expectedBase = expectedBase;
        _expectedQuote = expectedQuote;
        _timeoutNanos = (long)timeout.TotalMilliseconds * 1_000_000;
    }

    /// <summary>True once reconciled: the strategy may trade.</summary>
    public bool Completed { get; private set; }

    /// <summary>What reconciliation found and did (null until completed). Any thread.</summary>
    public string? Report => Volatile.Read(ref _report);

    /// <summary>Why the run refuses to trade (null unless reconciliation failed). Any thread.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Orders found resting at the venue from an earlier run (cancelled).</summary>
    public long OrdersCancelled { get; private set; }

    /// <summary>Opening position booked (raw, size scale; 0 when the venue agreed with the expectation).</summary>
    public long OpeningPosition { get; private set; }

    /// <summary>One duty-cycle turn; true exactly once, on the turn reconciliation completed.</summary>
    public bool Poll()
    {
        if (Completed || Failure is not null)
        {
            return false;
        }

        var now = _clock.NowNanos();
        if (_deadline == 0)
        {
            _deadline = now + _timeoutNanos;
        }

        if (_gateway.State == BitfinexGatewayState.AuthFailed)
        {
            Fail($"reconciliation impossible, refusing to trade: {_gateway.LastAuthError}");
            return false;
        }

        if (_gateway.State != BitfinexGatewayState.Ready || _gateway.Wallets.Count == 0)
        {
            return TimedOut(now, $"gateway {_gateway.State}, {(_gateway.Wallets.Count == 0 ? "no wallet snapshot yet" : "wallets received")}");
        }

        var venueBase = Balance(_baseCurrency);
        var delta = ToSizeScale(venueBase - _expectedBase);
        var mid = default(Price);
        if (delta != 0 && !TryGetMid(out mid))
        {
            return TimedOut(now, "no book mid to price the opening position");
        }

        Complete(venueBase, delta, mid);
        return true;
    }

    private void Complete(long venueBase, long delta, Price mid)
    {
        var text = new StringBuilder(256);
        var id = _instrument.Id;
        Span<PositionDifference> differences = stackalloc PositionDifference[1];
        var found = _engine.Positions.Reconcile(_instrument.Venue, [new VenuePosition(id, new Quantity(delta))], differences);
        text.Append(CultureInfo.InvariantCulture, $"reconciled with {_instrument.Venue}: exchange wallet {Units(venueBase)} {_baseCurrency} (expected {Units(_expectedBase)})");
        if (found > 0 && _engine.TryOpenPosition(id, differences[0].Venue, mid))
        {
            OpeningPosition = differences[0].Venue.Raw;
            text.Append(CultureInfo.InvariantCulture, $", difference {Signed(differences[0].Delta, _instrument.SizeScale)} {_baseCurrency} booked as the opening position at mid {Units(mid.Raw, _instrument.PriceScale)}");
        }
        else if (found > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", difference {Signed(differences[0].Delta, _instrument.SizeScale)} {_baseCurrency} NOT booked (the position already traded)");
        }

        var venueQuote = Balance(_quoteCurrency);
        text.Append(CultureInfo.InvariantCulture, $", {Units(venueQuote)} {_quoteCurrency} (expected {Units(_expectedQuote)}");
        text.Append(venueQuote == _expectedQuote ? ")" : string.Create(CultureInfo.InvariantCulture, $", difference {Signed(venueQuote - _expectedQuote, BitfinexWallets.Scale)})"));

        var unknown = _gateway.UnknownOrderIds;
        if (_gateway.UnknownOrders == 0)
        {
            text.Append("; no open orders at the venue");
        }
        else
        {
            OrdersCancelled = _gateway.UnknownOrders;
            foreach (var venueOrderId in unknown)
            {
                _engine.JournalEarlierOrderCancelled(id, venueOrderId);
            }

            _gateway.SendCancelAll();
            text.Append(CultureInfo.InvariantCulture, $"; {_gateway.UnknownOrders} order(s) left open by an earlier run (venue id {string.Join(", ", unknown.ToArray())}) cancelled");
        }

        Completed = true;
        Volatile.Write(ref _report, text.ToString());
    }

    private bool TimedOut(long now, string waitingFor)
    {
        if (now >= _deadline)
        {
            Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"reconciliation with {_instrument.Venue} did not complete within {_timeoutNanos / 1_000_000_000.0:0.#} s ({waitingFor}): refusing to trade"));
        }

        return false;
    }

    private void Fail(string why) => Volatile.Write(ref _failure, why);

    private bool TryGetMid(out Price mid)
    {
        var book = _book.Book;
        if (_book.State == BookSyncState.InSync && book is not null && book.TryGetTop(out var bid, out var ask))
        {
            mid = new Price((bid.Price + ask.Price) / 2);
            return true;
        }

        mid = default;
        return false;
    }

    private long Balance(string currency) => _gateway.Wallets.TryGet("exchange", currency, out var balance, out _) ? balance : 0;

    private long ToSizeScale(long walletRaw)
    {
        var scale = BitfinexWallets.Scale;
        for (; scale > _instrument.SizeScale; scale--)
        {
            walletRaw /= 10;
        }

        for (; scale < _instrument.SizeScale; scale++)
        {
            walletRaw *= 10;
        }

        return walletRaw;
    }

    private static string Units(long raw, int scale = BitfinexWallets.Scale) =>
        ((decimal)raw / (decimal)FixedPoint.Pow10(scale)).ToString("0.########", CultureInfo.InvariantCulture);

    private static string Signed(long raw, int scale) => (raw > 0 ? "+" : string.Empty) + Units(raw, scale);
}
