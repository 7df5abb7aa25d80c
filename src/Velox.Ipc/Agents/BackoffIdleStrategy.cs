using Velox.Ipc.Platform;

namespace Velox.Ipc.Agents;

/// <summary>
/// Agrona-style back-off: <c>maxSpins</c> pause-hinted spins, then <c>maxYields</c> yields, then parks
/// (nanosleep) starting at <c>minParkNanos</c> and doubling up to <c>maxParkNanos</c>. Any work resets it.
/// </summary>
public struct BackoffIdleStrategy : IIdleStrategy
{
    private readonly int _maxSpins;
    private readonly int _maxYields;
    private readonly long _minParkNanos;
    private readonly long _maxParkNanos;
    private int _spins;
    private int _yields;
    private long _parkNanos;

    /// <summary>A back-off with the given phase lengths and park bounds.</summary>
    public BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSpins);
        ArgumentOutOfRangeException.ThrowIfNegative(maxYields);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minParkNanos);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParkNanos, minParkNanos);
        _maxSpins = maxSpins;
        _maxYields = maxYields;
        _minParkNanos = minParkNanos;
        _maxParkNanos = maxParkNanos;
        _spins = 0;
        _yields = 0;
        _parkNanos = minParkNanos;
    }

    /// <summary>Current park period (for tests and diagnostics).</summary>
    public readonly long ParkNanos => _parkNanos;

    /// <inheritdoc/>
    public void Idle(int workCount)
    {
        if (workCount > 0)
        {
            Reset();
            return;
        }

        if (_spins < _maxSpins)
        {
            _spins++;
            Thread.SpinWait(1);
        }
        else if (_yields < _maxYields)
        {
            _yields++;
            Thread.Yield();
        }
        else
        {
            ThreadScheduling.SleepNanos(_parkNanos);
            _parkNanos = Math.Min(_parkNanos * 2, _maxParkNanos);
        }
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _spins = 0;
        _yields = 0;
        _parkNanos = _minParkNanos;
    }
}
