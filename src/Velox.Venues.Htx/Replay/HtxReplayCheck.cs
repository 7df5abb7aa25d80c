using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.Venues.Htx.Parsing;
using Velox.Venues.Htx.Session;

namespace Velox.Venues.Htx.Replay;

/// <summary>
/// Offline check of an HTX capture: inbound frames (Python bytes literals of the gzip payload in
/// cryptofeed v1 captures) are decoded and fed to the same session as live data, pongs included;
/// outbound, connect and REST records are counted and not fed. Backs <c>velox replay-check --venue htx</c>.
/// </summary>
public static class HtxReplayCheck
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
        var session = new HtxMarketDataSession(registry ?? new InstrumentRegistry());
        var buffer = new byte[1 << 16];
        long outbound = 0;
        long connects = 0;
        long rest = 0;
        long other = 0;
        long badLiterals = 0;
        long requestsQueued = 0;
        while (reader.TryRead(out var record))
        {
            switch (record.Direction)
            {
                case CaptureDirection.Inbound:
                    if (CaptureBinaryFrames.TryGetFrame(in record, ref buffer, out var frame))
                    {
                        session.ProcessFrame(frame, record.TimestampNanos);
                    }
                    else
                    {
                        badLiterals++;
                    }

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
            Venue = HtxVenue.Name,
            Source = source,
            Frames = s.Frames,
            Gaps = s.TradeIdGaps,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknown + badLiterals,
            UnknownChannelFrames = unknown,
            Counters =
            [
                new("frames_inflated", s.FramesInflated),
                new("inflated_bytes", s.InflatedBytes),
                new("pings", s.Pings),
                new("pongs_queued", s.PongsQueued),
                new("sub_acks", s.Acks),
                new("depth_snapshots", s.DepthSnapshots),
                new("snapshot_levels", s.SnapshotLevels),
                new("stale_versions", s.StaleVersions),
                new("trade_frames", s.TradeFrames),
                new("trades", s.Trades),
                new("trade_id_gaps", s.TradeIdGaps),
                new("sizes_truncated", s.SizesTruncated),
                new("bad_bytes_literals", badLiterals),
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

    private static List<KeyValuePair<string, long>> ErrorsByReason(HtxSessionStats stats)
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

    private static List<ReplayBook> Books(HtxMarketDataSession session)
    {
        var books = new List<ReplayBook>();
        foreach (var subscription in session.Subscriptions)
        {
            var book = subscription.Book;
            if (book is null)
            {
                continue;
            }

            var px = subscription.Instrument.PriceScale;
            var sz = subscription.Instrument.SizeScale;
            var hasBid = book.Bids.Count > 0;
            var hasAsk = book.Asks.Count > 0;
            books.Add(new ReplayBook(
                subscription.Instrument.Symbol,
                "depth.step0",
                subscription.State.ToString(),
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
