using Velox.Core.Instruments;
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
        var target = new Target(session);
        var counts = CaptureReplayDriver.Run(reader, ref target);

        var s = session.Stats;
        var unknown = s.ErrorsFor(FrameError.UnknownChannel);
        return new ReplayCheckReport
        {
            Venue = HtxVenue.Name,
            Source = source,
            Frames = s.Frames,
            Gaps = s.TradeIdGaps,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknown + target.BadLiterals,
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
                new("bad_bytes_literals", target.BadLiterals),
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

    private static List<ReplayBook> Books(HtxMarketDataSession session)
    {
        var books = new List<ReplayBook>();
        foreach (var subscription in session.Subscriptions)
        {
            var book = subscription.Book;
            if (book is not null)
            {
                var instrument = subscription.Instrument;
                books.Add(ReplayBooks.Top(instrument.Symbol, "depth.step0", subscription.State.ToString(), book, instrument.PriceScale, instrument.SizeScale));
            }
        }

        return books;
    }

    /// <summary>Feeds inbound frames to the one session; a connect after the first is a reconnect.</summary>
    private struct Target(HtxMarketDataSession session) : ICaptureReplayTarget
    {
        private byte[] _buffer = new byte[1 << 16];

        /// <summary>Inbound records whose bytes literal did not decode.</summary>
        public long BadLiterals { get; private set; }

        public void OnInbound(in CaptureRecord record)
        {
            if (CaptureBinaryFrames.TryGetFrame(in record, ref _buffer, out var frame))
            {
                session.ProcessFrame(frame, record.TimestampNanos);
            }
            else
            {
                BadLiterals++;
            }
        }

        public readonly void OnOutbound(in CaptureRecord record)
        {
        }

        public readonly void OnConnect(in CaptureRecord record, bool reconnect)
        {
            if (reconnect)
            {
                session.OnConnected();
            }
        }

        public readonly long DrainRequests() => CaptureReplayDriver.Drain(session.Outbound);
    }
}
