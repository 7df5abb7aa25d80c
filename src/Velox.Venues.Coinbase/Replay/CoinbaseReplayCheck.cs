using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.Venues.Coinbase.Parsing;
using Velox.Venues.Coinbase.Session;

namespace Velox.Venues.Coinbase.Replay;

/// <summary>
/// Offline check of a Coinbase ws-feed capture: every inbound frame goes through the same session
/// (parser, books, continuity checks) as live data; outbound, connect and REST records are counted
/// and not fed. Backs <c>velox replay-check --venue coinbase</c>.
/// </summary>
public static class CoinbaseReplayCheck
{
    /// <summary>Replays a capture file (any <see cref="CaptureFormat"/>, gzip or plain).</summary>
    public static ReplayCheckReport Run(string path, InstrumentRegistry? registry = null, CaptureFormat format = CaptureFormat.Auto)
    {
        using var reader = CaptureReader.Open(path, format);
        return Run(reader, Path.GetFileName(path), registry);
    }

    /// <summary>Replays an open capture.</summary>
    public static ReplayCheckReport Run(CaptureReader reader, string source, InstrumentRegistry? registry = null)
    {
        var session = new CoinbaseMarketDataSession(registry ?? new InstrumentRegistry());
        var target = new Target(session);
        var counts = CaptureReplayDriver.Run(reader, ref target);

        var s = session.Stats;
        var unknown = s.ErrorsFor(FrameError.UnknownChannel);
        return new ReplayCheckReport
        {
            Venue = CoinbaseVenue.Name,
            Source = source,
            Frames = s.Frames,
            Gaps = s.BookGaps + s.TradeIdGaps,
            ChecksumsVerified = 0,
            ChecksumMismatches = 0,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknown,
            UnknownChannelFrames = unknown,
            Counters =
            [
                new("subscriptions", s.SubscriptionEvents),
                new("heartbeats", s.Heartbeats),
                new("book_snapshots", s.BookSnapshots),
                new("snapshot_levels", s.SnapshotLevels),
                new("l2updates", s.BookUpdates),
                new("level_changes", s.LevelChanges),

                // level2 has no sequence and no checksum: nothing but the stream vouches for these updates.
                new("l2updates_sequence_checked", 0),
                new("l2updates_checksum_checked", 0),
                new("l2updates_ignored", s.BookUpdatesIgnored),
                new("deletes_of_missing_levels", s.DeletesOfMissingLevels),
                new("crossed_books", s.CrossedBooks),
                new("levels_beyond_depth", s.LevelsBeyondDepth),
                new("tickers", s.Tickers),
                new("matches", s.Matches),
                new("last_matches", s.LastMatches),
                new("trade_id_gaps", s.TradeIdGaps),
                new("outbound_records", counts.Outbound),
                new("connect_records", counts.Connects),
                new("rest_records", counts.Rest),
                new("other_records", counts.Meta),
                new("requests_queued", counts.RequestsQueued),
            ],
            ErrorsByReason = ReplayErrors.ByReason<FrameError>(s.ErrorsFor),
            Books = Books(session),
        };
    }

    private static List<ReplayBook> Books(CoinbaseMarketDataSession session)
    {
        var books = new List<ReplayBook>();
        foreach (var product in session.Products)
        {
            if (product.Snapshots > 0)
            {
                var instrument = product.Instrument;
                books.Add(ReplayBooks.Top(instrument.Symbol, "level2", product.State.ToString(), product.Book, instrument.PriceScale, instrument.SizeScale));
            }
        }

        return books;
    }

    /// <summary>Feeds inbound frames to the one session; a connect after the first is a reconnect.</summary>
    private readonly struct Target(CoinbaseMarketDataSession session) : ICaptureReplayTarget
    {
        public void OnInbound(in CaptureRecord record) =>
            session.ProcessFrame(record.Frame.Span, record.TimestampNanos);

        public void OnOutbound(in CaptureRecord record)
        {
        }

        public void OnConnect(in CaptureRecord record, bool reconnect)
        {
            if (reconnect)
            {
                session.OnConnected();
            }
        }

        public long DrainRequests() => CaptureReplayDriver.Drain(session.Outbound);
    }
}
