using System.Numerics;
using Velox.Core.Instruments;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Events;

/// <summary>
/// A market-data handler that folds every event (its kind and every field, receive time included) into one
/// 64-bit hash, in delivery order: two runs that produced the same events in the same order have the same
/// <see cref="Value"/> and <see cref="Count"/>. The fold is the xxHash64 round over 64-bit words, so a change
/// in any bit of any field moves the whole hash. Allocation-free; use it as a struct generic argument.
/// </summary>
public struct EventHash : IMarketDataHandler
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong BookUpdateKind = 1;
    private const ulong TradeKind = 2;
    private const ulong TickerKind = 3;
    private const ulong BookStateKind = 4;

    private ulong _accumulator;

    /// <summary>Events folded so far.</summary>
    public long Count { get; private set; }

    /// <summary>The hash of every event so far (0 before the first).</summary>
    public readonly ulong Value => _accumulator;

    public void OnBookUpdate(in BookUpdate update)
    {
        Begin(BookUpdateKind);
        Fold(((ulong)update.Instrument.Value << 32) | ((ulong)(byte)update.Side << 16) | (ulong)update.Flags);
        Fold((ulong)update.Price);
        Fold((ulong)update.Size);
        Fold((ulong)update.Count);
        Fold((ulong)update.ReceiveNanos);
    }

    public void OnTrade(in TradeEvent trade)
    {
        Begin(TradeKind);
        Fold(((ulong)trade.Instrument.Value << 32) | (trade.FromSnapshot ? 1UL : 0UL));
        Fold((ulong)trade.TradeId);
        Fold((ulong)trade.TimestampMs);
        Fold((ulong)trade.Price);
        Fold((ulong)trade.Amount);
        Fold((ulong)trade.ReceiveNanos);
    }

    public void OnTicker(in TickerEvent ticker)
    {
        Begin(TickerKind);
        Fold(ticker.Instrument.Value);
        Fold((ulong)ticker.Bid);
        Fold((ulong)ticker.BidSize);
        Fold((ulong)ticker.Ask);
        Fold((ulong)ticker.AskSize);
        Fold((ulong)ticker.DailyChange);
        Fold((ulong)ticker.DailyChangeRelative);
        Fold((ulong)ticker.Last);
        Fold((ulong)ticker.Volume);
        Fold((ulong)ticker.High);
        Fold((ulong)ticker.Low);
        Fold((ulong)ticker.ReceiveNanos);
    }

    public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
    {
        Begin(BookStateKind);
        Fold(((ulong)instrument.Value << 32) | ((ulong)(uint)state << 16) | (uint)reason);
    }

    private void Begin(ulong kind)
    {
        Count++;
        Fold(kind);
    }

    private void Fold(ulong word) => _accumulator = BitOperations.RotateLeft(_accumulator ^ (word * Prime2), 31) * Prime1;
}
