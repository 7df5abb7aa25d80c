using System.Text;
using System.Text.Json;
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

    /// <summary>The report as an indented JSON document.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var s = Stats;
            w.WriteStartObject();
            w.WriteNumber("frames", s.Frames);
            w.WriteNumber("events", s.Events);
            w.WriteNumber("heartbeats", s.Heartbeats);
            w.WriteNumber("bookSnapshots", s.BookSnapshots);
            w.WriteNumber("snapshotLevels", s.SnapshotLevels);
            w.WriteNumber("bookUpdates", s.BookUpdates);
            w.WriteNumber("bookUpdatesIgnored", s.BookUpdatesIgnored);
            w.WriteNumber("checksumFrames", s.ChecksumFrames);
            w.WriteNumber("checksumsVerified", s.ChecksumsVerified);
            w.WriteNumber("checksumMismatches", s.ChecksumMismatches);
            w.WriteNumber("tradeSnapshots", s.TradeSnapshots);
            w.WriteNumber("tradesExecuted", s.TradesExecuted);
            w.WriteNumber("tradeUpdates", s.TradeUpdates);
            w.WriteNumber("tickers", s.Tickers);
            w.WriteNumber("sequencesChecked", s.SequencesChecked);
            w.WriteNumber("sequenceGaps", s.SequenceGaps);
            w.WriteNumber("resyncs", s.Resyncs);
            w.WriteNumber("connections", s.Connections);
            w.WriteNumber("outboundRecords", OutboundRecords);
            w.WriteNumber("requestsQueued", RequestsQueued);
            w.WriteString("requestsSeen", RequestsSeen.ToString());
            w.WriteNumber("errors", s.Errors);
            w.WriteStartObject("errorsByReason");
            foreach (var (reason, count) in ErrorsByReason)
            {
                w.WriteNumber(reason.ToString(), count);
            }

            w.WriteEndObject();
            w.WriteStartArray("books");
            foreach (var book in Books)
            {
                w.WriteStartObject();
                w.WriteString("symbol", book.Symbol);
                w.WriteString("precision", book.Precision);
                w.WriteString("state", book.State.ToString());
                w.WriteNumber("bidLevels", book.BidLevels);
                w.WriteNumber("askLevels", book.AskLevels);
                w.WriteString("bestBid", book.BestBid);
                w.WriteString("bestBidSize", book.BestBidSize);
                w.WriteString("bestAsk", book.BestAsk);
                w.WriteString("bestAskSize", book.BestAskSize);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
