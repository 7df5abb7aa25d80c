using System.Globalization;
using Velox.Trading.Journal;

namespace Velox.Venues.Bitfinex.Trading;

/// <summary>
/// The strictly increasing nonce Bitfinex requires per API key (auth messages, and REST if it shares the
/// key): next = max(last + 1, wall-clock microseconds). The clock part keeps it increasing across
/// restarts without any state; the optional state file (last nonce, written before the nonce is used)
/// also covers a wall clock that stepped backwards. Values stay below JavaScript's MAX_SAFE_INTEGER as
/// the documentation asks. Cold path (once per connection, and per REST call of a reconciliation); thread-safe, as the
/// REST calls are made off the connector's thread.
/// </summary>
public sealed class BitfinexNonce
{
    /// <summary>Largest nonce Bitfinex accepts (2^53 - 1).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private readonly IWallClock _clock;
    private readonly string? _statePath;
    private readonly Lock _lock = new();
    private long _last;

    /// <summary>Creates a source; with <paramref name="statePath"/> the last nonce is read from and written to that file.</summary>
    public BitfinexNonce(IWallClock clock, string? statePath = null)
    {
        _clock = clock;
        _statePath = statePath;
        if (statePath is not null && File.Exists(statePath))
        {
            var text = File.ReadAllText(statePath).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _last) || _last < 0)
            {
                throw new InvalidDataException($"nonce state file {statePath} does not hold a nonce");
            }
        }
    }

    /// <summary>The last nonce issued (or read from the state file).</summary>
    public long Last => Volatile.Read(ref _last);

    /// <summary>Issues the next nonce and persists it (when a state file is set) before returning it.</summary>
    public long Next()
    {
        lock (_lock)
        {
            return NextLocked();
        }
    }

    private long NextLocked()
    {
        var micros = _clock.EpochNanos() / 1_000;
        var next = Math.Max(_last + 1, micros);
        if (next > MaxSafeInteger)
        {
            throw new InvalidOperationException("Bitfinex nonce would exceed 2^53-1; create a new API key");
        }

        _last = next;
        if (_statePath is not null)
        {
            var temporary = _statePath + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _statePath, overwrite: true);
        }

        return next;
    }
}
