using Velox.MarketData.Replay;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Replay;

/// <summary>Result of running a capture through a <see cref="BitfinexMarketDataSession"/>.</summary>
public sealed class BitfinexReplayReport
{
    internal BitfinexReplayReport(BitfinexSessionStats stats, IReadOnlyList<BookTop> books, long outboundRecords, long otherRecords, SessionRequest requests, long requestsQueued)
    {
        Stats = stats;
        Books = books;
        OutboundRecords = outboundRecords;
        OtherRecords = otherRecords;
        RequestsSeen = requests;
        RequestsQueued = requestsQueued;
    }

    /// <summary>The session counters (frames, per channel type, gaps, checksums, resyncs, errors by reason).</summary>
    public BitfinexSessionStats Stats { get; }

    /// <summary>Final top of book per book subscription, in subscription order.</summary>
    public IReadOnlyList<BookTop> Books { get; }

    /// <summary>Recorded client → server frames (not fed to the session).</summary>
    public long OutboundRecords { get; }

    /// <summary>Connect, REST and metadata records.</summary>
    public long OtherRecords { get; }

    /// <summary>Union of the session requests raised during the replay.</summary>
    public SessionRequest RequestsSeen { get; }

    /// <summary>Outbound messages the session queued (resubscribes etc.); discarded by the replay.</summary>
    public long RequestsQueued { get; }

    /// <summary>Errors by reason, only the non-zero ones, in enum order.</summary>
    public IReadOnlyList<KeyValuePair<FrameError, long>> ErrorsByReason
    {
        get
        {
            var list = new List<KeyValuePair<FrameError, long>>();
            for (var reason = FrameError.Empty; reason <= FrameError.Internal; reason++)
            {
                if (Stats.ErrorsFor(reason) > 0)
                {
                    list.Add(new(reason, Stats.ErrorsFor(reason)));
                }
            }

            return list;
        }
    }

    /// <summary>The venue-neutral report printed by <c>velox replay-check</c>.</summary>
    public ReplayCheckReport ToReplayCheckReport(string source)
    {
        var s = Stats;
        var unknownChannel = s.ErrorsFor(FrameError.UnknownChannel);
        var errorsByReason = new List<KeyValuePair<string, long>>();
        foreach (var (reason, count) in ErrorsByReason)
        {
            errorsByReason.Add(new(reason.ToString(), count));
        }

        var books = new List<ReplayBook>(Books.Count);
        foreach (var b in Books)
        {
            books.Add(new ReplayBook(
                b.Symbol, b.Precision, b.State.ToString(), b.BidLevels, b.AskLevels, b.BestBid, b.BestBidSize, b.BestAsk, b.BestAskSize));
        }

        return new ReplayCheckReport
        {
            Venue = "bitfinex",
            Source = source,
            Frames = s.Frames,
            Gaps = s.SequenceGaps,
            ChecksumsVerified = s.ChecksumsVerified,
            ChecksumMismatches = s.ChecksumMismatches,
            Resyncs = s.Resyncs,
            Errors = s.Errors - unknownChannel,
            UnknownChannelFrames = unknownChannel,
            Counters =
            [
                new("events", s.Events),
                new("heartbeats", s.Heartbeats),
                new("book_snapshots", s.BookSnapshots),
                new("book_updates", s.BookUpdates),
                new("book_updates_ignored", s.BookUpdatesIgnored),
                new("checksum_frames", s.ChecksumFrames),
                new("trade_snapshots", s.TradeSnapshots),
                new("trades", s.TradesExecuted),
                new("trade_updates", s.TradeUpdates),
                new("tickers", s.Tickers),
                new("sequences_checked", s.SequencesChecked),
                new("connections", s.Connections),
                new("outbound_records", OutboundRecords),
            ],
            ErrorsByReason = errorsByReason,
            Books = books,
        };
    }
}
