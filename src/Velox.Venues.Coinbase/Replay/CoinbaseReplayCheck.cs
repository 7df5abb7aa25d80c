using Velox.Core.Instruments;
using Velox.Core.Numerics;
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
        long outbound = 0;
        long connects = 0;
        long rest = 0;
        long other = 0;
        long requestsQueued = 0;
        while (reader.TryRead(out var record))
        {
            switch (record.Direction)
            {
                case CaptureDirection.Inbound:
                    session.ProcessFrame(record.Frame.Span, record.TimestampNanos);
                    break;
                case CaptureDirection.Outbound:
                    outbound++;
                    break;
                case CaptureDirection.Connect:
                    if (connects++ > 0)
                    {
                        session.OnConnected();
                    }

                    break;
                case CaptureDirection.Rest:
                    rest++;
                    break;
                default:
                    other++;
                    break;
            }

            while (session.Outbound.TryPeek(out _))
            {
                requestsQueued++;
                session.Outbound.Advance();
            }
        }

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
                new("outbound_records", outbound),
                new("connect_records", connects),
                new("rest_records", rest),
                new("other_records", other),
                new("requests_queued", requestsQueued),
            ],
            ErrorsByReason = ErrorsByReason(s),
            Books = Books(session),
        };
    }

    private static List<KeyValuePair<string, long>> ErrorsByReason(CoinbaseSessionStats stats)
    {
        var list = new List<KeyValuePair<string, long>>();
        for (var reason = FrameError.Empty; reason <= FrameError.Internal; reason++)
        {
            if (stats.ErrorsFor(reason) > 0)
            {
                list.Add(new(reason.ToString(), stats.ErrorsFor(reason)));
            }
        }

        return list;
    }

    private static List<ReplayBook> Books(CoinbaseMarketDataSession session)
    {
        var books = new List<ReplayBook>();
        foreach (var product in session.Products)
        {
            if (product.Snapshots == 0)
            {
                continue;
            }

            var book = product.Book;
            var px = product.Instrument.PriceScale;
            var sz = product.Instrument.SizeScale;
            var hasBid = book.Bids.Count > 0;
            var hasAsk = book.Asks.Count > 0;
            books.Add(new ReplayBook(
                product.Instrument.Symbol,
                "level2",
                product.State.ToString(),
                book.Bids.Count,
                book.Asks.Count,
                hasBid ? FixedPoint.ToString(book.Bids.Best.Price, px) : null,
                hasBid ? FixedPoint.ToString(book.Bids.Best.Size, sz) : null,
                hasAsk ? FixedPoint.ToString(book.Asks.Best.Price, px) : null,
                hasAsk ? FixedPoint.ToString(book.Asks.Best.Size, sz) : null));
        }

        return books;
    }
}
