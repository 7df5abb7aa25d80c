using Velox.Core.Instruments;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Native;

/// <summary>
/// The engine behind one C handle: a Bitfinex market-data session fed by the caller's transport.
/// Subscriptions are adopted from the "subscribed" events in the stream. Single-threaded.
/// </summary>
public sealed class BookEngine
{
    private readonly BitfinexMarketDataSession _session;
    private long _requestsDropped;

    private BookEngine(BitfinexMarketDataSession session) => _session = session;

    /// <summary>Creates the engine for a venue name (UTF-8, e.g. "bitfinex"), or null when the venue is not supported.</summary>
    public static BookEngine? Create(ReadOnlySpan<byte> venue)
    {
        if (!venue.SequenceEqual("bitfinex"u8))
        {
            return null;
        }

        // No conf request is sent by this engine: the caller's stream decides the flags.
        var options = new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.None };
        return new BookEngine(new BitfinexMarketDataSession(new InstrumentRegistry(), options));
    }

    /// <summary>Feeds one received frame; returns a non-negative frame outcome or <see cref="NativeStatus.FrameRejected"/>.</summary>
    public int Feed(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        var outcome = _session.ProcessFrame(frame, receiveNanos);
        DropRequests();
        return outcome == FrameOutcome.Error ? NativeStatus.FrameRejected : (int)outcome;
    }

    /// <summary>Reads the top of the first aggregated book of <paramref name="symbol"/> (UTF-8).</summary>
    public int ReadTop(ReadOnlySpan<byte> symbol, out NativeTopOfBook top)
    {
        top = default;
        foreach (var subscription in _session.Subscriptions)
        {
            var book = subscription!.Book;
            if (book is null || !subscription.Instrument.SymbolUtf8.Span.SequenceEqual(symbol))
            {
                continue;
            }

            top.PriceScale = subscription.Instrument.PriceScale;
            top.SizeScale = subscription.Instrument.SizeScale;
            top.SyncState = (int)subscription.State;
            top.BidLevels = book.Bids.Count;
            top.AskLevels = book.Asks.Count;
            if (top.BidLevels > 0)
            {
                top.BidPrice = book.Bids.Best.Price;
                top.BidSize = book.Bids.Best.Size;
            }

            if (top.AskLevels > 0)
            {
                top.AskPrice = book.Asks.Best.Price;
                top.AskSize = book.Asks.Best.Size;
            }

            return NativeStatus.Ok;
        }

        return NativeStatus.NoBook;
    }

    /// <summary>Copies the counters.</summary>
    public void ReadStats(out NativeStats stats)
    {
        var s = _session.Stats;
        stats = new NativeStats
        {
            Frames = s.Frames,
            Events = s.Events,
            Heartbeats = s.Heartbeats,
            BookSnapshots = s.BookSnapshots,
            BookUpdates = s.BookUpdates,
            SequenceGaps = s.SequenceGaps,
            ChecksumsVerified = s.ChecksumsVerified,
            ChecksumMismatches = s.ChecksumMismatches,
            ChecksumsSkipped = s.ChecksumsSkipped,
            Resyncs = s.Resyncs,
            Errors = s.Errors,
            RequestsDropped = _requestsDropped,
            LastError = (int)_session.LastError,
            Subscriptions = _session.Subscriptions.Length,
        };
    }

    // Without a transport the queued requests would fill the outbound queue and turn into errors.
    private void DropRequests()
    {
        while (_session.Outbound.TryPeek(out _))
        {
            _requestsDropped++;
            _session.Outbound.Advance();
        }
    }
}
