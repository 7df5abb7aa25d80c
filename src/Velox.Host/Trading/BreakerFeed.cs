using System.Globalization;
using System.Runtime.CompilerServices;
using Velox.Core.Instruments;
using Velox.Core.Time;
using Velox.Strategies.Hosting;
using Velox.Trading;
using Velox.Trading.Journal;
using Velox.Trading.Oms;
using Velox.Trading.Risk;

namespace Velox.Host.Trading;

/// <summary>
/// Feeds the money breakers of a trading run from its <see cref="Velox.Trading.Positions.PositionBook"/>: net
/// realized PnL after every applied fill (daily loss), and equity = net realized + unrealized marked to each
/// instrument's current book mid at most once per <see cref="IntervalNanos"/> (drawdown from the high-water
/// mark). The UTC day boundary, read from the injected wall clock, starts a new day for the daily loss. The
/// volatility and error-rate breakers are fed by the engine itself (mids from the strategy host, rejects and
/// anomalies from the reports); this class only notices their trips. Amounts are quote units at
/// <see cref="EquityScale"/>, the scale <see cref="TradingSettings"/> gives the thresholds. md thread only;
/// allocation-free except when a breaker trips (the reason text is built once per trip).
/// </summary>
public sealed class BreakerFeed
{
    /// <summary>Decimal places of equity and realized PnL fed to the breakers (quote units).</summary>
    public const int EquityScale = 8;

    /// <summary>Default equity cadence: 10 ms.</summary>
    public const long DefaultIntervalNanos = 10_000_000;

    private const long NanosPerDay = 86_400_000_000_000;

    private readonly TradingEngine _engine;
    private readonly MarketView _market;
    private readonly Instrument[] _instruments;
    private readonly IClock _clock;
    private readonly IWallClock _wallClock;
    private readonly BreakerOptions _options;
    private readonly long[] _tripsSeen = new long[4];
    private long _nextEquityNanos;
    private long _day;
    private long _dayStartRealized;
    private string? _reason;

    public BreakerFeed(
        TradingEngine engine, MarketView market, IReadOnlyList<Instrument> instruments, BreakerOptions options, IClock clock, IWallClock wallClock,
        long intervalNanos = DefaultIntervalNanos)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNanos);
        _engine = engine;
        _market = market;
        _instruments = [.. instruments];
        _options = options;
        _clock = clock;
        _wallClock = wallClock;
        IntervalNanos = intervalNanos;
        _day = wallClock.EpochNanos() / NanosPerDay;
        _nextEquityNanos = clock.NowNanos();
    }

    /// <summary>Shortest time between two equity samples.</summary>
    public long IntervalNanos { get; }

    /// <summary>Equity samples fed.</summary>
    public long EquitySamples { get; private set; }

    /// <summary>Last equity fed (<see cref="EquityScale"/>), 0 before the first.</summary>
    public long LastEquity { get; private set; }

    /// <summary>Last cumulative net realized PnL fed (<see cref="EquityScale"/>).</summary>
    public long LastRealized { get; private set; }

    /// <summary>UTC days started after the first one.</summary>
    public long DaysStarted { get; private set; }

    /// <summary>Why trading is halted or reduce-only: the first tripped breaker with its measure (null while none tripped). Any thread.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>A report the engine applied: an applied fill feeds the realized PnL (and equity) at once.</summary>
    public void OnReport(in ExecutionReport report, ReportOutcome outcome)
    {
        if (report.Type == ExecType.Fill && outcome == ReportOutcome.Applied)
        {
            FeedRealized();
            FeedEquity(force: true);
        }

        NoticeTrips();
    }

    /// <summary>Duty-cycle turn: day boundary, then an equity sample when the interval has passed. Returns 1 when it sampled.</summary>
    public int Poll()
    {
        var day = _wallClock.EpochNanos() / NanosPerDay;
        if (day != _day)
        {
            _day = day;
            FeedRealized();
            _engine.Breakers.StartDay();
            _dayStartRealized = LastRealized;
            DaysStarted++;
        }

        var sampled = FeedEquity(force: false) ? 1 : 0;
        NoticeTrips();
        return sampled;
    }

    private void FeedRealized()
    {
        var realized = 0L;
        foreach (var instrument in _instruments)
        {
            realized += ToEquityScale(_engine.Positions.NetRealizedPnl(instrument.Id), _engine.Positions.NotionalScale(instrument.Id));
        }

        LastRealized = realized;
        _engine.Breakers.OnRealizedPnl(realized);
    }

    private bool FeedEquity(bool force)
    {
        var now = _clock.NowNanos();
        if (!force && now < _nextEquityNanos)
        {
            return false;
        }

        var positions = _engine.Positions;
        var equity = 0L;
        foreach (var instrument in _instruments)
        {
            var id = instrument.Id;
            var scale = positions.NotionalScale(id);
            equity += ToEquityScale(positions.NetRealizedPnl(id), scale);
            if (positions[id].Quantity.Raw != 0)
            {
                // An open position without a mid cannot be marked: no sample rather than a wrong one.
                if (!_market.TryGetMid(id, out var mid))
                {
                    return false;
                }

                equity += ToEquityScale(positions.UnrealizedPnl(id, mid), scale);
            }
        }

        _nextEquityNanos = now + IntervalNanos;
        LastEquity = equity;
        EquitySamples++;
        _engine.Breakers.OnEquity(equity);
        return true;
    }

    private void NoticeTrips()
    {
        var breakers = _engine.Breakers;
        for (var k = 0; k < _tripsSeen.Length; k++)
        {
            var trips = breakers.Trips((BreakerKind)k);
            if (trips != _tripsSeen[k])
            {
                _tripsSeen[k] = trips;
                OnTripped((BreakerKind)k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnTripped(BreakerKind kind)
    {
        if (Reason is not null)
        {
            return;
        }

        var text = kind switch
        {
            BreakerKind.Drawdown => string.Create(
                CultureInfo.InvariantCulture,
                $"drawdown: equity {Units(LastEquity)} is {Units(_engine.Breakers.HighWaterMark - LastEquity)} below its high-water mark {Units(_engine.Breakers.HighWaterMark)} (max {Units(_options.MaxDrawdown)})"),
            BreakerKind.DailyLoss => string.Create(
                CultureInfo.InvariantCulture, $"daily loss: net realized {Units(LastRealized - _dayStartRealized)} since the UTC day began reached the max loss {Units(_options.MaxDailyLoss)}"),
            BreakerKind.ErrorRate => string.Create(
                CultureInfo.InvariantCulture, $"error rate: {_options.MaxErrors} rejects/errors within {_options.ErrorWindowNanos / 1_000_000_000.0:0.###} s"),
            _ => string.Create(
                CultureInfo.InvariantCulture, $"volatility: mid moved {_options.MaxMoveBps} bps or more within {_options.VolatilityWindowNanos / 1_000_000_000.0:0.###} s"),
        };
        Volatile.Write(ref _reason, $"{ModeName(ModeOf(kind))} by {text}");
    }

    private TradingMode ModeOf(BreakerKind kind) => kind switch
    {
        BreakerKind.Drawdown => _options.DrawdownMode,
        BreakerKind.DailyLoss => _options.DailyLossMode,
        BreakerKind.ErrorRate => _options.ErrorMode,
        _ => _options.VolatilityMode,
    };

    /// <summary>"HALT" or "REDUCE_ONLY" (the status line's words).</summary>
    public static string ModeName(TradingMode mode) => mode switch
    {
        TradingMode.Halt => "HALT",
        TradingMode.ReduceOnly => "REDUCE_ONLY",
        _ => "NORMAL",
    };

    private static string Units(long raw) => ((decimal)raw / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture);

    private static long ToEquityScale(Int128 raw, int scale)
    {
        for (; scale > EquityScale; scale--)
        {
            raw /= 10;
        }

        for (; scale < EquityScale; scale++)
        {
            raw *= 10;
        }

        return raw > long.MaxValue ? long.MaxValue : raw < long.MinValue ? long.MinValue : (long)raw;
    }
}
