using Velox.Core.Instruments;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.Venues.Okx.Parsing;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Replay;

/// <summary>
/// Offline check of an OKX capture: every inbound frame goes through the same session (parser,
/// books, seqId and checksum checks) as live data; outbound, connect and REST records are counted.
/// Backs <c>velox replay-check --venue okx</c>.
/// </summary>
public static class OkxReplayCheck
{
    /// <summary>Replays a capture file (any <see cref="CaptureFormat"/>, gzip or plain).</summary>
    public static ReplayCheckReport Run(string path, InstrumentRegistry? registry = null, CaptureFormat format = CaptureFormat.Auto)
    {
        using var reader = CaptureReader.Open(path, format);
        return Run(reader, path, registry);
    }

    /// <summary>Replays an open capture; <paramref name="source"/> names it in the report.</summary>
    public static ReplayCheckReport Run(CaptureReader reader, string source, InstrumentRegistry? registry = null)
    {
        var session = new OkxMarketDataSession(registry ?? new InstrumentRegistry());
        var target = new Target(session);
        var counts = CaptureReplayDriver.Run(reader, ref target);

        var s = session.Stats;
        var unknown = s.ErrorsFor(FrameError.UnknownChannel);
        return new ReplayCheckReport
        {
            Venue = OkxVenue.Name,
            Source = source,
            Frames = s.Frames,
            Gaps = s.SequenceGaps,
            ChecksumsVerified = s.ChecksumsVerified,
            ChecksumMismatches = s.ChecksumMismatches,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknown,
            UnknownChannelFrames = unknown,
            Counters =
            [
                new("events", s.Events),
                new("book_snapshots", s.BookSnapshots),
                new("book_updates", s.BookUpdates),
                new("book_updates_ignored", s.BookUpdatesIgnored),
                new("snapshot_levels", s.SnapshotLevels),
                new("update_levels", s.UpdateLevels),
                new("deletes_of_missing_levels", s.DeletesOfMissingLevels),
                new("checksums_absent", s.ChecksumsAbsent),
                new("sequences_checked", s.SequencesChecked),
                new("trade_messages", s.TradeMessages),
                new("trades", s.Trades),
                new("tickers", s.Tickers),
                new("outbound_records", counts.Outbound),
                new("connect_records", counts.Connects),
                new("rest_records", counts.Rest),
                new("meta_records", counts.Meta),
                new("requests_queued", counts.RequestsQueued),
            ],
            ErrorsByReason = ReplayErrors.ByReason<FrameError>(s.ErrorsFor),
            Books = Books(session),
        };
    }

    private static List<ReplayBook> Books(OkxMarketDataSession session)
    {
        var books = new List<ReplayBook>();
        foreach (var subscription in session.Subscriptions)
        {
            var book = subscription!.Book?.Levels;
            if (book is not null)
            {
                var instrument = subscription.Instrument;
                books.Add(ReplayBooks.Top(instrument.Symbol, "books", subscription.State.ToString(), book, instrument.PriceScale, instrument.SizeScale));
            }
        }

        return books;
    }

    /// <summary>Feeds inbound frames to the one session; a connect after the first is a reconnect.</summary>
    private readonly struct Target(OkxMarketDataSession session) : ICaptureReplayTarget
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
