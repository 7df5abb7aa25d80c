using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Events;
using Velox.MarketData.Json;
using Velox.MarketData.Sync;
using Velox.Venues.Kraken.Parsing;

namespace Velox.Venues.Kraken.Session;

// The book channel: snapshot/update, truncation to depth, checksum, resync.
public sealed partial class KrakenMarketDataSession
{
    private FrameOutcome ProcessBook<THandler>(KrakenSubscription subscription, in KrakenChannelFrame frame, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        KrakenBookData second = default;
        if (!KrakenBookData.TryParse(frame.First, out var first) || (!frame.Second.IsEmpty && !KrakenBookData.TryParse(frame.Second, out second)))
        {
            return FailBook(subscription, FrameError.Malformed, ref handler);
        }

        if (first.IsSnapshot)
        {
            return frame.Second.IsEmpty
                ? ApplySnapshot(subscription, in first, receiveNanos, ref handler)
                : FailBook(subscription, FrameError.UnexpectedBookMessage, ref handler);
        }

        if (second.IsSnapshot)
        {
            return FailBook(subscription, FrameError.UnexpectedBookMessage, ref handler);
        }

        if (subscription.State != BookSyncState.InSync)
        {
            Stats.BookUpdatesIgnored++;
            return FrameOutcome.Ignored;
        }

        var flags = BookUpdateFlags.None;
        var error = ApplyLevels(subscription, in first, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        if (error == FrameError.None && !frame.Second.IsEmpty)
        {
            error = ApplyLevels(subscription, in second, ref flags, endsSnapshot: false, receiveNanos, ref handler);
        }

        if (error != FrameError.None)
        {
            return FailBook(subscription, error, ref handler);
        }

        Stats.BookUpdates++;
        subscription.Updates++;
        Truncate(subscription);

        // The checksum rides on the last dict of the message and covers the book after all of it.
        var withChecksum = frame.Second.IsEmpty || !second.HasChecksum ? first : second;
        VerifyChecksum(subscription, in withChecksum, ref handler);
        return FrameOutcome.BookUpdate;
    }

    private FrameOutcome ApplySnapshot<THandler>(KrakenSubscription subscription, in KrakenBookData data, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var book = subscription.Book!;
        book.Clear();
        var flags = BookUpdateFlags.Snapshot | BookUpdateFlags.SnapshotBegin;
        var error = ApplyLevels(subscription, in data, ref flags, endsSnapshot: true, receiveNanos, ref handler);
        if (error != FrameError.None)
        {
            book.Clear();
            return FailBook(subscription, error, ref handler);
        }

        Truncate(subscription);
        Stats.BookSnapshots++;
        subscription.Snapshots++;
        SetState(subscription, BookSyncState.InSync, ResyncReason.None, ref handler);
        if (data.HasChecksum)
        {
            VerifyChecksum(subscription, in data, ref handler);
        }

        return FrameOutcome.BookSnapshot;
    }

    private FrameError ApplyLevels<THandler>(KrakenSubscription subscription, in KrakenBookData data, ref BookUpdateFlags flags, bool endsSnapshot, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var error = data.Asks.IsEmpty ? FrameError.None
            : ApplySide(subscription, Side.Ask, data.Asks, ref flags, endsSnapshot && data.Bids.Length <= 2, receiveNanos, ref handler);
        if (error == FrameError.None && !data.Bids.IsEmpty)
        {
            error = ApplySide(subscription, Side.Bid, data.Bids, ref flags, endsSnapshot, receiveNanos, ref handler);
        }

        return error;
    }

    private FrameError ApplySide<THandler>(KrakenSubscription subscription, Side side, ReadOnlySpan<byte> levels, ref BookUpdateFlags flags, bool endsSnapshot, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        var instrument = subscription.Instrument;
        var snapshot = (flags & BookUpdateFlags.Snapshot) != 0;
        var s = new JsonScanner(levels);
        s.TryConsume((byte)'[');
        var index = 0;
        JsonStep step;
        while ((step = KrakenBookData.NextLevel(ref s, ref index, out var priceText, out var volumeText, out var republish)) == JsonStep.Item)
        {
            if (!KrakenFrameParser.TryParseFixed(priceText, instrument.PriceScale, out var price, out var error)
                || !KrakenFrameParser.TryParseFixed(volumeText, instrument.SizeScale, out var volume, out error))
            {
                return error;
            }

            if (price <= 0 || volume < 0 || (snapshot && volume == 0))
            {
                return FrameError.InvalidValue;
            }

            var levelFlags = endsSnapshot && s.Peek() == (byte)']' ? flags | BookUpdateFlags.SnapshotEnd : flags;
            if (!ApplyLevel(subscription.Book!, side, price, volume, priceText, volumeText, levelFlags, receiveNanos, ref handler))
            {
                return FrameError.InvalidValue;
            }

            flags &= ~BookUpdateFlags.SnapshotBegin;
            if (republish)
            {
                Stats.RepublishedLevels++;
            }

            if (snapshot)
            {
                Stats.SnapshotLevels++;
            }
            else
            {
                Stats.UpdateLevels++;
            }
        }

        return step == JsonStep.End ? FrameError.None : FrameError.Malformed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ApplyLevel<THandler>(WireTextBook book, Side side, long price, long volume, ReadOnlySpan<byte> priceText, ReadOnlySpan<byte> volumeText, BookUpdateFlags flags, long receiveNanos, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!book.TryApply(side, price, volume, 0, priceText, volumeText, out var change))
        {
            return false;
        }

        if (change >= BookChange.DeleteMissing)
        {
            if (change == BookChange.DeleteMissing)
            {
                Stats.DeletesOfMissingLevels++;
            }
            else
            {
                Stats.LevelsBeyondDepth++;
            }

            return true;
        }

        if (volume == 0)
        {
            flags |= BookUpdateFlags.Delete;
        }

        var update = new BookUpdate(book.Instrument, side, price, volume, 0, flags, receiveNanos);
        handler.OnBookUpdate(in update);
        return true;
    }

    /// <summary>Kraken does not send deletes for levels pushed below the subscribed depth: drop them after each message.</summary>
    private void Truncate(KrakenSubscription subscription)
    {
        var levels = subscription.Book!.Levels;
        var before = levels.Bids.Count + levels.Asks.Count;
        subscription.Book.TruncateTo(subscription.Depth);
        Stats.LevelsTruncated += before - levels.Bids.Count - levels.Asks.Count;
    }

    private void VerifyChecksum<THandler>(KrakenSubscription subscription, in KrakenBookData data, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (!data.HasChecksum)
        {
            Stats.ChecksumsAbsent++;
            return;
        }

        if (KrakenChecksum.TryCompute(subscription.Book!, out var actual) && actual == data.Checksum)
        {
            Stats.ChecksumsVerified++;
            return;
        }

        Stats.ChecksumMismatches++;
        Resync(subscription, ResyncReason.ChecksumMismatch, ref handler);
    }

    private FrameOutcome FailBook<THandler>(KrakenSubscription subscription, FrameError error, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        // A book message that was not (fully) applied leaves the book wrong: get a fresh snapshot.
        Resync(subscription, ResyncReason.MalformedFrame, ref handler);
        return Fail(error);
    }

    /// <summary>Marks the book Resyncing (updates ignored until a snapshot) and queues unsubscribe + subscribe.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resync<THandler>(KrakenSubscription subscription, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        if (subscription.State == BookSyncState.Resyncing)
        {
            return;
        }

        subscription.Resyncs++;
        subscription.LastResyncReason = reason;
        Stats.Resyncs++;
        SetState(subscription, BookSyncState.Resyncing, reason, ref handler);
        QueueRequest(subscription, subscribe: false);
        QueueRequest(subscription, subscribe: true);
    }

    private static void SetState<THandler>(KrakenSubscription subscription, BookSyncState state, ResyncReason reason, ref THandler handler)
        where THandler : struct, IMarketDataHandler
    {
        subscription.State = state;
        handler.OnBookState(subscription.Instrument.Id, state, reason);
    }
}
