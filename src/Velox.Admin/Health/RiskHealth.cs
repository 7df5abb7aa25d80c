using Velox.Trading.Risk;

namespace Velox.Admin.Health;

/// <summary>
/// Whether new orders are stopped: the manual <see cref="Velox.Trading.Risk.KillSwitch"/> (thread-safe itself) and
/// the circuit breakers' <see cref="TradingMode"/> as the engine last published it.
/// </summary>
public sealed class RiskHealth
{
    private int _mode;

    public RiskHealth(KillSwitch killSwitch) => KillSwitch = killSwitch ?? throw new ArgumentNullException(nameof(killSwitch));

    public KillSwitch KillSwitch { get; }

    /// <summary>The breakers' mode (Normal until an engine publishes one).</summary>
    public TradingMode Mode => (TradingMode)Volatile.Read(ref _mode);

    /// <summary>True when no new order may be sent: kill switch engaged or breakers in HALT.</summary>
    public bool IsHalted => KillSwitch.IsEngaged || Mode == TradingMode.Halt;

    /// <summary>Publishes the breakers' mode; call on the engine thread.</summary>
    public void Update(TradingMode mode) => Volatile.Write(ref _mode, (int)mode);
}
