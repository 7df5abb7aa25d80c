using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Velox.Core.Hashing;
using Velox.MarketData;
using Velox.MarketData.Books;

namespace Velox.Venues.Bitfinex;

/// <summary>
/// The Bitfinex checksum of one book, computed from "price:amount" texts of its best 25 levels per
/// side that are kept between checksums. Each checksum walks the book's current top levels and the
/// cached ones by price together and formats only the levels whose price or size changed, so a
/// checksum after a few updates costs a few number formats and one CRC pass instead of a hundred
/// formats. A level's text depends only on its price and size, so the cache needs no hooks into the
/// book and cannot go stale. Gives exactly <see cref="BitfinexChecksum.Compute(L2Book, int, int)"/>.
/// </summary>
[SkipLocalsInit]
public sealed class TopLevelText
{
    /// <summary>Levels per side covered (the checksum depth).</summary>
    public const int Depth = BitfinexChecksum.Depth;

    // Bytes per level: "price:amount" needs at most 2 * 28 + 1, and a whole slot copies as four 16-byte moves.
    private const int SlotSize = 64;

    private const byte Separator = (byte)':';

    private readonly SideText _bids;
    private readonly SideText _asks;

    /// <summary>Creates an empty cache for a book at these scales.</summary>
    public TopLevelText(int priceScale, int sizeScale)
    {
        _bids = new SideText(isBid: true, priceScale, sizeScale);
        _asks = new SideText(isBid: false, priceScale, sizeScale);
    }

    /// <summary>Checksum of a local book (best 25 levels per side).</summary>
    public int Checksum(L2Book book)
    {
        _bids.Refresh(book.Bids);
        _asks.Refresh(book.Asks);
        return Finish(Depth);
    }

    /// <summary>Checksum over the best min(<paramref name="depth"/>, 25) levels of sides given best first.</summary>
    public int Checksum(ReadOnlySpan<BookLevel> bidsBestFirst, ReadOnlySpan<BookLevel> asksBestFirst, int depth = Depth)
    {
        _bids.Refresh(bidsBestFirst);
        _asks.Refresh(asksBestFirst);
        return Finish(Math.Min(depth, Depth));
    }

    private int Finish(int depth)
    {
        // Every level is copied as a whole slot and then overwritten from its end, so the buffer
        // holds the longest text plus one slot of slack.
        Span<byte> text = stackalloc byte[2 * Depth * SlotSize];
        var bids = Math.Min(_bids.Count, depth);
        var asks = Math.Min(_asks.Count, depth);
        var levels = Math.Max(bids, asks);
        var w = 0;
        for (var i = 0; i < levels; i++)
        {
            if (i < bids)
            {
                w += _bids.CopyTo(i, text.Slice(w, SlotSize));
                text[w++] = Separator;
            }

            if (i < asks)
            {
                w += _asks.CopyTo(i, text.Slice(w, SlotSize));
                text[w++] = Separator;
            }
        }

        // Drop the separator after the last level.
        var length = Math.Max(w - 1, 0);
        return (int)Crc32.Finish(Crc32.Append(Crc32.Initial, text[..length]));
    }

    /// <summary>Copies one whole slot as four 16-byte moves (a general memmove of 64 bytes costs several times more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySlot(ref byte source, ref byte destination)
    {
        var a = Vector128.LoadUnsafe(ref source);
        var b = Vector128.LoadUnsafe(ref source, 16);
        var c = Vector128.LoadUnsafe(ref source, 32);
        var d = Vector128.LoadUnsafe(ref source, 48);
        a.StoreUnsafe(ref destination);
        b.StoreUnsafe(ref destination, 16);
        c.StoreUnsafe(ref destination, 32);
        d.StoreUnsafe(ref destination, 48);
    }

    /// <summary>A cached level: its price and size and where its text is.</summary>
    private struct Entry
    {
        public long Price;
        public long Size;
        public int Slot;
        public int PriceLength;
        public int Length;
    }

    /// <summary>
    /// One side's texts. Entries are double-buffered: a refresh writes the new top levels into the
    /// half not in use, handing each unchanged level's text slot over from the current half, then
    /// flips. Texts stay in their slot (2 * Depth of them), so a refresh moves no text; new levels
    /// take slots no current entry uses.
    /// </summary>
    private sealed class SideText
    {
        private const ulong AllSlots = (1ul << (2 * Depth)) - 1;

        private readonly Entry[] _entries = new Entry[2 * Depth];
        private readonly byte[] _text = new byte[2 * Depth * SlotSize];
        private readonly bool _isBid;
        private readonly int _priceScale;
        private readonly int _sizeScale;

        // First entry of the half in use (0 or Depth), and the slots its entries hold.
        private int _base;
        private ulong _usedSlots;

        public SideText(bool isBid, int priceScale, int sizeScale)
        {
            _isBid = isBid;
            _priceScale = priceScale;
            _sizeScale = sizeScale;
        }

        public int Count { get; private set; }

        /// <summary>Copies level <paramref name="index"/>'s whole slot (64 bytes) to <paramref name="destination"/>; returns its text length.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int CopyTo(int index, Span<byte> destination)
        {
            ref readonly var entry = ref _entries[_base + index];
            var source = _text.AsSpan(entry.Slot * SlotSize, SlotSize);
            CopySlot(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(destination[..SlotSize]));
            return entry.Length;
        }

        public void Refresh(ReadOnlySpan<BookLevel> bestFirst) =>
            Refresh(ref MemoryMarshal.GetReference(bestFirst), Math.Min(bestFirst.Length, Depth), step: 1);

        /// <summary>L2BookSide keeps its best level last: walk down from it.</summary>
        public void Refresh(L2BookSide side)
        {
            if (side.Count == 0)
            {
                Refresh(ref Unsafe.NullRef<BookLevel>(), 0, step: 1);
                return;
            }

            Refresh(ref Unsafe.AsRef(in side.AtDepth(0)), Math.Min(side.Count, Depth), step: -1);
        }

        /// <summary><paramref name="count"/> (&lt;= Depth) levels from <paramref name="best"/> in <paramref name="step"/> direction, best first.</summary>
        private void Refresh(ref BookLevel best, int count, int step)
        {
            var entries = _entries;
            var old = _base;
            var oldEnd = old + Count;
            var next = Depth - old;
            var k = old;

            // At most Depth slots are in use, so at least Depth are free for new levels.
            var free = AllSlots & ~_usedSlots;
            var used = 0ul;
            for (var i = 0; i < count; i++)
            {
                ref readonly var level = ref Unsafe.Add(ref best, i * step);
                var price = level.Price;
                ref var entry = ref entries[next + i];

                // Cached levels better than this one are gone from the top.
                while (k < oldEnd && (_isBid ? entries[k].Price > price : entries[k].Price < price))
                {
                    k++;
                }

                if (k < oldEnd && entries[k].Price == price)
                {
                    // Each cached entry is matched at most once, so its slot can be rewritten in place.
                    entry = entries[k++];
                    if (entry.Size != level.Size)
                    {
                        WriteAmount(ref entry, level.Size);
                    }
                }
                else
                {
                    var slot = BitOperations.TrailingZeroCount(free);
                    free &= free - 1;
                    WriteLevel(ref entry, slot, price, level.Size);
                }

                used |= 1ul << entry.Slot;
            }

            _usedSlots = used;
            _base = next;
            Count = count;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteLevel(ref Entry entry, int slot, long price, long size)
        {
            var text = _text.AsSpan(slot * SlotSize, SlotSize);
            var priceLength = ChecksumText.Write(price, _priceScale, text);
            text[priceLength] = Separator;
            entry.Price = price;
            entry.Slot = slot;
            entry.PriceLength = priceLength;
            WriteAmount(ref entry, size);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteAmount(ref Entry entry, long size)
        {
            var start = entry.PriceLength + 1;
            var text = _text.AsSpan((entry.Slot * SlotSize) + start, SlotSize - start);
            entry.Size = size;
            entry.Length = start + ChecksumText.Write(_isBid ? size : -size, _sizeScale, text);
        }
    }
}
