using Velox.Logging;
using Velox.MarketData.Events;
using Velox.Venues.Bitfinex.Connection;

namespace Velox.Host.Logging;

/// <summary>
/// Logs what changed on the market-data connection since the last look: connects and disconnects, books that
/// resynced (with instrument and reason), checksum mismatches, gaps and frame errors. Called on the md thread
/// where the status is published (a few times a second); it compares counters the connector already keeps
/// and enqueues records into the log ring, so it neither formats nor allocates.
/// </summary>
public sealed class MdLogWatch
{
    private readonly RunLog _log;
    private readonly long[] _resyncs;
    private readonly long[] _instruments;
    private long _connects;
    private long _disconnects;
    private long _mismatches;
    private long _gaps;
    private long _errors;

    /// <summary>Interns the instrument symbols of <paramref name="subscriptionCount"/> subscriptions named by <paramref name="symbolAt"/> (cold).</summary>
    public MdLogWatch(RunLog log, int subscriptionCount, Func<int, string> symbolAt)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(symbolAt);
        _log = log;
        _resyncs = new long[subscriptionCount];
        _instruments = new long[subscriptionCount];
        for (var i = 0; i < subscriptionCount; i++)
        {
            _instruments[i] = log.Catalog.Text(symbolAt(i)).Value;
        }
    }

    /// <summary>A watch over every subscription of <paramref name="connector"/>'s session (call after subscribing).</summary>
    public static MdLogWatch For<TMarketData>(RunLog log, BitfinexConnector<TMarketData> connector)
        where TMarketData : struct, IMarketDataHandler
    {
        ArgumentNullException.ThrowIfNull(connector);
        var symbols = new List<string>();
        foreach (var subscription in connector.Session.Subscriptions)
        {
            symbols.Add(subscription!.Instrument.Symbol);
        }

        return new MdLogWatch(log, symbols.Count, i => symbols[i]);
    }

    /// <summary>Logs the changes since the last call; only on the connector's thread.</summary>
    public void Observe<TMarketData>(BitfinexConnector<TMarketData> connector)
        where TMarketData : struct, IMarketDataHandler
    {
        var logger = _log.Logger;
        var venue = _log.VenueText.Value;
        var reconnects = Math.Max(0, connector.Connects - 1);
        if (connector.Disconnects != _disconnects)
        {
            _disconnects = connector.Disconnects;
            logger.Log(_log.ConnectionDown, venue, _disconnects, reconnects);
        }

        if (connector.Connects != _connects)
        {
            _connects = connector.Connects;
            logger.Log(_log.ConnectionUp, venue, _connects, reconnects);
        }

        var stats = connector.Session.Stats;
        Delta(_log.ChecksumMismatch, stats.ChecksumMismatches, ref _mismatches);
        Delta(_log.Gap, stats.SequenceGaps, ref _gaps);
        Delta(_log.FrameError, stats.Errors, ref _errors);

        var subscriptions = connector.Session.Subscriptions;
        var count = Math.Min(subscriptions.Length, _resyncs.Length);
        for (var i = 0; i < count; i++)
        {
            var subscription = subscriptions[i]!;
            if (subscription.Resyncs != _resyncs[i])
            {
                _resyncs[i] = subscription.Resyncs;
                logger.Log(_log.BookResync, venue, _instruments[i], _log.Reason(subscription.LastResyncReason).Value, subscription.Resyncs);
            }
        }
    }

    private void Delta(in LogEvent evt, long total, ref long previous)
    {
        if (total != previous)
        {
            _log.Logger.Log(in evt, _log.VenueText.Value, total - previous, total);
            previous = total;
        }
    }
}
