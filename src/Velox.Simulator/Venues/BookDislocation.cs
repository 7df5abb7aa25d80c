using System.Diagnostics.CodeAnalysis;

namespace Velox.Simulator.Venues;

/// <summary>
/// A seeded schedule of price dislocations of one instrument: after a quiet spell the whole book jumps by a
/// number of basis points of its starting mid (up or down), stays there for a while, then jumps back. Two venues
/// quoting the same asset then disagree for a moment, which is what a cross-venue arbitrage looks for. The same
/// seed gives the same jumps at the same exchange times.
/// </summary>
[SuppressMessage("Security", "CA5394", Justification = "A reproducible simulation needs a seeded PRNG.")]
public sealed class BookDislocation
{
    private readonly Random _random;
    private readonly long _tick;
    private readonly long _mid;
    private long _nextNanos;
    private long _applied;

    /// <summary>Creates the schedule for instrument <paramref name="instrument"/> whose book starts around <paramref name="midRaw"/> on a <paramref name="tickRaw"/> grid.</summary>
    public BookDislocation(int instrument, long midRaw, long tickRaw, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickRaw, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(midRaw, tickRaw);
        Instrument = instrument;
        _mid = midRaw;
        _tick = tickRaw;
        _random = new Random(seed);
        _nextNanos = -1;
    }

    /// <summary>The instrument that jumps.</summary>
    public int Instrument { get; }

    /// <summary>Smallest and largest jump, basis points of the starting mid.</summary>
    public int MinBps { get; init; } = 40;

    /// <inheritdoc cref="MinBps"/>
    public int MaxBps { get; init; } = 70;

    /// <summary>Quiet time between the end of one dislocation and the next, milliseconds (drawn uniformly).</summary>
    public int MinQuietMillis { get; init; } = 800;

    /// <inheritdoc cref="MinQuietMillis"/>
    public int MaxQuietMillis { get; init; } = 2_000;

    /// <summary>How long a dislocation lasts, milliseconds (drawn uniformly).</summary>
    public int MinHoldMillis { get; init; } = 400;

    /// <inheritdoc cref="MinHoldMillis"/>
    public int MaxHoldMillis { get; init; } = 900;

    /// <summary>Jumps made so far (away and back count one each).</summary>
    public long Jumps { get; private set; }

    /// <summary>True while the book is away from where the market would have it.</summary>
    public bool IsDislocated => _applied != 0;

    /// <summary>Whether a jump is due at <paramref name="elapsedNanos"/> since the exchange started; if so, by how much (raw).</summary>
    public bool TryNext(long elapsedNanos, out int instrument, out long delta)
    {
        instrument = Instrument;
        delta = 0;
        if (_nextNanos < 0)
        {
            _nextNanos = elapsedNanos + Millis(MinQuietMillis, MaxQuietMillis);
            return false;
        }

        if (elapsedNanos < _nextNanos)
        {
            return false;
        }

        if (_applied == 0)
        {
            var bps = MinBps + _random.Next(Math.Max(1, MaxBps - MinBps + 1));
            var move = _mid * bps / 10_000 / _tick * _tick;
            delta = _random.Next(2) == 0 ? move : -move;
            _applied = delta;
            _nextNanos = elapsedNanos + Millis(MinHoldMillis, MaxHoldMillis);
        }
        else
        {
            delta = -_applied;
            _applied = 0;
            _nextNanos = elapsedNanos + Millis(MinQuietMillis, MaxQuietMillis);
        }

        Jumps++;
        return delta != 0;
    }

    private long Millis(int min, int max) => (min + _random.Next(Math.Max(1, max - min + 1))) * 1_000_000L;
}
