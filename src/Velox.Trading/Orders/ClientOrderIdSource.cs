using System.Globalization;
using System.Runtime.CompilerServices;

namespace Velox.Trading.Orders;

/// <summary>
/// Client order ids unique across restarts: id = session &lt;&lt; 40 | counter. The session number is
/// persisted and incremented once per process start (<see cref="OpenSession"/>), so a restarted
/// process never reissues an id even if it crashed without saving its counter. Ids are positive and
/// strictly increasing within a session and across sessions. 23 session bits allow 8.3 million
/// restarts; 40 counter bits allow 1.1 × 10^12 orders per session.
/// </summary>
public sealed class ClientOrderIdSource
{
    /// <summary>Bits of the counter part.</summary>
    public const int CounterBits = 40;

    /// <summary>Largest session number (bit 63 stays clear, so ids are positive).</summary>
    public const long MaxSession = (1L << (63 - CounterBits)) - 1;

    private const long MaxCounter = (1L << CounterBits) - 1;

    private readonly long _prefix;
    private long _counter;

    /// <summary>Creates a source for an explicit session number (tests, or a session obtained elsewhere).</summary>
    public ClientOrderIdSource(long session)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(session, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(session, MaxSession);
        Session = session;
        _prefix = session << CounterBits;
    }

    /// <summary>This process's session number.</summary>
    public long Session { get; }

    /// <summary>Ids issued so far in this session.</summary>
    public long Issued => _counter;

    /// <summary>
    /// Reads the last session number from <paramref name="path"/> (none: 0), persists the next one
    /// (write to a temporary file, flush to disk, rename over) and returns a source for it.
    /// </summary>
    public static ClientOrderIdSource OpenSession(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long last = 0;
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < 0 || last > MaxSession)
            {
                throw new InvalidDataException($"client order id session file {path} does not hold a session number: '{text}'");
            }
        }

        var next = last + 1;
        if (next > MaxSession)
        {
            throw new InvalidOperationException($"client order id sessions exhausted in {path}");
        }

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return new ClientOrderIdSource(next);
    }

    /// <summary>Session number of an id.</summary>
    public static long SessionOf(long clientOrderId) => clientOrderId >> CounterBits;

    /// <summary>Next id; never allocates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next()
    {
        var counter = ++_counter;
        if (counter > MaxCounter)
        {
            ThrowExhausted();
        }

        return _prefix | counter;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowExhausted() =>
        throw new InvalidOperationException("client order id counter exhausted for this session; restart to open a new session");
}
