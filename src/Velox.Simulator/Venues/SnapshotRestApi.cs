using Velox.Simulator.Bitfinex;
using Velox.Simulator.Market;

namespace Velox.Simulator.Venues;

/// <summary>
/// A venue's REST endpoint for book snapshots, served by a <see cref="Hosting.RestServer"/>. A snapshot first
/// publishes the instrument's pending changes, so its update id is the last id on the stream.
/// </summary>
public abstract class SnapshotRestApi
{
    private readonly FrameWriter _writer = new(256 * 1024);
    private readonly Lock _writerLock = new();

    protected SnapshotRestApi(VenueExchange exchange) => Exchange = exchange;

    /// <summary>Snapshots served.</summary>
    public long Snapshots { get; private set; }

    protected VenueExchange Exchange { get; }

    /// <summary>Answers one GET of <paramref name="target"/> (path and query): HTTP status and JSON body.</summary>
    public abstract (int Status, byte[] Body) Handle(string target);

    /// <summary>Splits a request target into its path and query parameters (no percent-decoding: the venues' symbols need none).</summary>
    protected static string ParseTarget(string target, out Dictionary<string, string> query)
    {
        query = new Dictionary<string, string>(StringComparer.Ordinal);
        var mark = target.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
        {
            return target;
        }

        foreach (var pair in target[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            query[eq < 0 ? pair : pair[..eq]] = eq < 0 ? string.Empty : pair[(eq + 1)..];
        }

        return target[..mark];
    }

    /// <summary>Publishes what is pending for <paramref name="instrument"/>, then answers 200 with the body <paramref name="write"/> prints at its update id.</summary>
    protected (int Status, byte[] Body) Snapshot(int instrument, Action<FrameWriter, InstrumentMarket, long> write)
    {
        lock (_writerLock)
        {
            _writer.Reset();
            lock (Exchange.Gate)
            {
                Exchange.PublishPending(instrument);
                write(_writer, Exchange.Market[instrument], Exchange.UpdateId(instrument));
            }

            Snapshots++;
            return (200, _writer.Written.ToArray());
        }
    }
}
