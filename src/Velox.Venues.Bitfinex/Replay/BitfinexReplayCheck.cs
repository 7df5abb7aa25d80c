using Velox.Core.Instruments;
using Velox.Core.Numerics;
using Velox.MarketData.Capture;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Venues.Bitfinex.Replay;

/// <summary>
/// Offline check of a Bitfinex capture: every inbound frame goes through the same session (parser,
/// books, sequence and checksum checks) as live data; outbound requests are counted and dropped.
/// Backs <c>velox replay-check --venue bitfinex</c>.
/// </summary>
public static class BitfinexReplayCheck
{
    /// <summary>Replays a capture file (any <see cref="CaptureFormat"/>, gzip or plain).</summary>
    public static BitfinexReplayReport Run(string path, InstrumentRegistry? registry = null, CaptureFormat format = CaptureFormat.Auto)
    {
        using var reader = CaptureReader.Open(path, format);
        return Run(reader, registry);
    }

    /// <summary>Replays an open capture.</summary>
    public static BitfinexReplayReport Run(CaptureReader reader, InstrumentRegistry? registry = null)
    {
        var session = NewSession(registry);
        long outbound = 0;
        long other = 0;
        long requestsQueued = 0;
        var requests = SessionRequest.None;
        var connects = 0;
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
                    other++;
                    if (connects++ > 0)
                    {
                        session.OnConnected();
                    }

                    break;
                default:
                    other++;
                    break;
            }

            requests |= session.TakeRequests();
            while (session.Outbound.TryPeek(out _))
            {
                requestsQueued++;
                session.Outbound.Advance();
            }
        }

        return new BitfinexReplayReport(session.Stats, BookTops(session), outbound, other, requests, requestsQueued);
    }

    /// <summary>A session configured as the replay check configures it (subscriptions come from the recorded "subscribed" events).</summary>
    public static BitfinexMarketDataSession NewSession(InstrumentRegistry? registry = null) =>
        new(registry ?? new InstrumentRegistry(), new BitfinexSessionOptions { ConfFlags = BitfinexConfFlags.None });

    /// <summary>The report for a session that was fed inbound frames only (no outbound or other records).</summary>
    public static BitfinexReplayReport ReportFor(BitfinexMarketDataSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new BitfinexReplayReport(session.Stats, BookTops(session), 0, 0, SessionRequest.None, 0);
    }

    private static List<BookTop> BookTops(BitfinexMarketDataSession session)
    {
        var tops = new List<BookTop>();
        foreach (var subscription in session.Subscriptions)
        {
            var book = subscription!.Book;
            if (book is null)
            {
                continue;
            }

            var px = subscription.Instrument.PriceScale;
            var sz = subscription.Instrument.SizeScale;
            var hasBid = book.Bids.Count > 0;
            var hasAsk = book.Asks.Count > 0;
            tops.Add(new BookTop(
                subscription.Instrument.Symbol,
                subscription.Type,
                subscription.Precision,
                subscription.State,
                book.Bids.Count,
                book.Asks.Count,
                hasBid ? FixedPoint.ToString(book.Bids.Best.Price, px) : null,
                hasBid ? FixedPoint.ToString(book.Bids.Best.Size, sz) : null,
                hasAsk ? FixedPoint.ToString(book.Asks.Best.Price, px) : null,
                hasAsk ? FixedPoint.ToString(book.Asks.Best.Size, sz) : null));
        }

        return tops;
    }
}
