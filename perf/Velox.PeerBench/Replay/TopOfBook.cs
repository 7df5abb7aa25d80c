using System.Globalization;
using Velox.Core.Numerics;
using Velox.Venues.Bitfinex.Channels;
using Velox.Venues.Bitfinex.Session;

namespace Velox.PeerBench.Replay;

/// <summary>Best bid and ask of one book (sizes unsigned), compared by value across pipelines.</summary>
public sealed record TopOfBook(string Symbol, decimal? Bid, decimal? BidSize, decimal? Ask, decimal? AskSize)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Symbol} {BidSize}@{Bid} / {AskSize}@{Ask}");

    /// <summary>Tops of every P0..P4 book of <paramref name="session"/>, in subscription order.</summary>
    public static List<TopOfBook> Of(BitfinexMarketDataSession session)
    {
        var tops = new List<TopOfBook>();
        foreach (var subscription in session.Subscriptions)
        {
            if (subscription!.Type != BitfinexChannelType.Book || subscription.Book is not { } book)
            {
                continue;
            }

            var px = subscription.Instrument.PriceScale;
            var sz = subscription.Instrument.SizeScale;
            tops.Add(new TopOfBook(
                subscription.Instrument.Symbol,
                book.Bids.Count > 0 ? ToDecimal(book.Bids.Best.Price, px) : null,
                book.Bids.Count > 0 ? ToDecimal(book.Bids.Best.Size, sz) : null,
                book.Asks.Count > 0 ? ToDecimal(book.Asks.Best.Price, px) : null,
                book.Asks.Count > 0 ? ToDecimal(book.Asks.Best.Size, sz) : null));
        }

        return tops;
    }

    /// <summary>Parses a number printed by another pipeline (plain or exponent form); null for null/empty.</summary>
    public static decimal? Parse(string? text) =>
        string.IsNullOrEmpty(text) ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static decimal ToDecimal(long raw, int scale) =>
        decimal.Parse(FixedPoint.ToString(raw, scale), NumberStyles.Float, CultureInfo.InvariantCulture);
}
