namespace Velox.Trading.Risk;

/// <summary>
/// Manual stop: while engaged, every new order is refused. May be flipped from another thread (admin
/// plane); the hot path reads it with acquire semantics on every check, so the next order after
/// <see cref="Engage"/> returns is refused.
/// </summary>
public sealed class KillSwitch
{
    private int _engaged;

    /// <summary>True while engaged.</summary>
    public bool IsEngaged => Volatile.Read(ref _engaged) != 0;

    /// <summary>Stops all new orders.</summary>
    public void Engage() => Volatile.Write(ref _engaged, 1);

    /// <summary>Allows new orders again (breakers permitting).</summary>
    public void Release() => Volatile.Write(ref _engaged, 0);
}
