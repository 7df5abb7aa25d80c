using Velox.Core.Instruments;
using Velox.Core.Numerics;

namespace Velox.Trading.Risk;

/// <summary>
/// Drawdown, daily-loss, error-rate and volatility breakers. Each trips when its measure reaches its
/// threshold, imposes its configured mode (HALT or REDUCE_ONLY) and latches until reset by an operator.
/// <see cref="Mode"/> is the most severe mode of the tripped breakers. Times are the caller's
/// (injected clock); nothing allocates after construction. Single-threaded (engine thread).
/// </summary>
public sealed class CircuitBreakers
{
    private readonly BreakerOptions _options;
    private readonly bool[] _tripped = new bool[4];
    private readonly long[] _trips = new long[4];
    private readonly ErrorRateWindow? _errors;
    private readonly VolatilityWindow[] _volatility;
    private long _highWaterMark = long.MinValue;
    private long _dayStartRealized;
    private long _lastRealized;

    /// <summary>Creates breakers for instruments 0 .. <paramref name="maxInstruments"/>-1.</summary>
    public CircuitBreakers(BreakerOptions options, int maxInstruments)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _errors = options.MaxErrors > 0 ? new ErrorRateWindow(options.MaxErrors, options.ErrorWindowNanos) : null;
        _volatility = new VolatilityWindow[options.MaxMoveBps > 0 ? maxInstruments : 0];
        for (var i = 0; i < _volatility.Length; i++)
        {
            _volatility[i] = new VolatilityWindow(options.VolatilitySamples, options.VolatilityWindowNanos);
        }
    }

    /// <summary>The most severe mode imposed by a tripped breaker.</summary>
    public TradingMode Mode { get; private set; }

    /// <summary>Highest equity seen.</summary>
    public long HighWaterMark => _highWaterMark;

    /// <summary>True while the breaker is tripped.</summary>
    public bool IsTripped(BreakerKind kind) => _tripped[(int)kind];

    /// <summary>Times the breaker has tripped.</summary>
    public long Trips(BreakerKind kind) => _trips[(int)kind];

    /// <summary>Feeds current equity (realized + unrealized − fees, one currency); trips on drawdown ≥ threshold.</summary>
    public void OnEquity(long equity)
    {
        if (equity > _highWaterMark)
        {
            _highWaterMark = equity;
        }

        if (_options.MaxDrawdown > 0 && _highWaterMark - equity >= _options.MaxDrawdown)
        {
            Trip(BreakerKind.Drawdown, _options.DrawdownMode);
        }
    }

    /// <summary>Starts a trading day: the daily loss is measured from the realized PnL seen last.</summary>
    public void StartDay() => _dayStartRealized = _lastRealized;

    /// <summary>Feeds cumulative realized PnL net of fees; trips when the loss since the day's start ≥ threshold.</summary>
    public void OnRealizedPnl(long realized)
    {
        _lastRealized = realized;
        if (_options.MaxDailyLoss > 0 && _dayStartRealized - realized >= _options.MaxDailyLoss)
        {
            Trip(BreakerKind.DailyLoss, _options.DailyLossMode);
        }
    }

    /// <summary>Records an error or venue reject at <paramref name="nowNanos"/>.</summary>
    public void OnError(long nowNanos)
    {
        if (_errors is not null && _errors.Record(nowNanos))
        {
            Trip(BreakerKind.ErrorRate, _options.ErrorMode);
        }
    }

    /// <summary>Records a mid price of an instrument at <paramref name="nowNanos"/>.</summary>
    public void OnMid(InstrumentId instrument, Price mid, long nowNanos)
    {
        if (_volatility.Length > 0 && _volatility[instrument.Value].Record(nowNanos, mid, _options.MaxMoveBps))
        {
            Trip(BreakerKind.Volatility, _options.VolatilityMode);
        }
    }

    /// <summary>Operator reset of one breaker; the mode falls back to what the others impose.</summary>
    public void Reset(BreakerKind kind)
    {
        _tripped[(int)kind] = false;
        var mode = TradingMode.Normal;
        for (var i = 0; i < _tripped.Length; i++)
        {
            if (_tripped[i])
            {
                var imposed = ModeOf((BreakerKind)i);
                mode = imposed > mode ? imposed : mode;
            }
        }

        Mode = mode;
        if (kind == BreakerKind.Drawdown)
        {
            _highWaterMark = long.MinValue;
        }
    }

    private TradingMode ModeOf(BreakerKind kind) => kind switch
    {
        BreakerKind.Drawdown => _options.DrawdownMode,
        BreakerKind.DailyLoss => _options.DailyLossMode,
        BreakerKind.ErrorRate => _options.ErrorMode,
        _ => _options.VolatilityMode,
    };

    private void Trip(BreakerKind kind, TradingMode mode)
    {
        if (!_tripped[(int)kind])
        {
            _tripped[(int)kind] = true;
            _trips[(int)kind]++;
        }

        if (mode > Mode)
        {
            Mode = mode;
        }
    }
}
