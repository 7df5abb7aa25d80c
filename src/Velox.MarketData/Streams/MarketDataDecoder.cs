using Velox.MarketData.Events;

namespace Velox.MarketData.Streams;

/// <summary>Dispatches one record of the market-data event stream to an <see cref="IMarketDataHandler"/>.</summary>
public static class MarketDataDecoder
{
    /// <summary>
    /// Decodes <paramref name="message"/> and calls the matching handler method; false (nothing called) when the
    /// type is unknown or the message is shorter than its record. A <see cref="BatchEndRecord"/> is known and
    /// ignored (true, nothing called): a plain handler applies each event as it comes.
    /// </summary>
    public static bool Dispatch<THandler>(ReadOnlySpan<byte> message, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        switch (MarketDataHeader.Type(message))
        {
            case MarketDataMessageType.BookLevel when message.Length >= BookLevelRecord.Length:
                var update = BookLevelRecord.Read(message);
                handler.OnBookUpdate(in update);
                return true;
            case MarketDataMessageType.Trade when message.Length >= TradeRecord.Length:
                var trade = TradeRecord.Read(message);
                handler.OnTrade(in trade);
                return true;
            case MarketDataMessageType.BookState when message.Length >= BookStateRecord.Length:
                handler.OnBookState(MarketDataHeader.Instrument(message), BookStateRecord.State(message), BookStateRecord.Reason(message));
                return true;
            case MarketDataMessageType.Ticker when message.Length >= TickerRecord.Length:
                var ticker = TickerRecord.Read(message);
                handler.OnTicker(in ticker);
                return true;
            case MarketDataMessageType.BatchEnd:
                return message.Length >= BatchEndRecord.Length;
            default:
                return false;
        }
    }

    /// <summary>
    /// As <see cref="Dispatch{THandler}"/>, and a <see cref="BatchEndRecord"/> goes to
    /// <see cref="IMarketDataBatchHandler.OnBatchEnd"/>.
    /// </summary>
    public static bool DispatchBatched<THandler>(ReadOnlySpan<byte> message, ref THandler handler)
        where THandler : struct, IMarketDataBatchHandler
    {
        if (MarketDataHeader.Type(message) != MarketDataMessageType.BatchEnd)
        {
            return Dispatch(message, ref handler);
        }

        if (!BatchEndRecord.TryRead(message, out var batch))
        {
            return false;
        }

        handler.OnBatchEnd(in batch);
        return true;
    }
}
