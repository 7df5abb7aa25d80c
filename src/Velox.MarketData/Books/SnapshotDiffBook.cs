using System.Runtime.CompilerServices;
using Velox.Core;
using Velox.Core.Instruments;
using Velox.MarketData.Sync;

namespace Velox.MarketData.Books;

/// <summary>
/// An L2 book rebuilt from a depth-limited REST snapshot plus a diff stream stamped with update ids
/// (Binance, Gate.io): the sync state, the id bridge, the frames buffered while a snapshot is awaited,
/// and the trusted price range. A snapshot of N levels says nothing about prices beyond its worst
/// level, while diffs touch the whole book. With <see cref="KeepLevelsBeyondSnapshot"/> false (strict)
/// levels beyond that boundary are never stored or published and a side whose trusted range empties
/// asks for a resync; with it true they are kept (a diff carries the level's absolute size, so each is
/// exact, but untouched older levels out there stay missing, as the venue documents). The boundary
/// tightens when the depth limit of the local book drops a level. Single-threaded; no allocation
/// after construction.
/// </summary>
public sealed class SnapshotDiffBook
{
    private int _snapshotBids;
    private int _snapshotAsks;

    /// <summary>Creates an empty book awaiting its snapshot.</summary>
    public SnapshotDiffBook(Instrument instrument, UpdateIdRule rule, int maxLevelsPerSide, int pendingBytes, int pendingFrames, bool keepLevelsBeyondSnapshot = false)
    {
        Instrument = instrument;
        KeepLevelsBeyondSnapshot = keepLevelsBeyondSnapshot;
        Book = new L2Book(instrument.Id, maxLevelsPerSide);
        Sync = new UpdateIdSync(rule);
        Pending = new PendingFrames(pendingBytes, pendingFrames);
    }

    public Instrument Instrument { get; }

    /// <summary>Store diff levels beyond the snapshot's range instead of dropping them (and never resync for an exhausted range).</summary>
    public bool KeepLevelsBeyondSnapshot { get; }

    /// <summary>The levels; only trustworthy while <see cref="State"/> is InSync.</summary>
    public L2Book Book { get; }

    /// <summary>Update-id continuity against the last snapshot.</summary>
    public UpdateIdSync Sync { get; }

    /// <summary>Diff frames received while no snapshot was applied, oldest first.</summary>
    public PendingFrames Pending { get; }

    public BookSyncState State { get; private set; }

    /// <summary>Why the book last left InSync.</summary>
    public ResyncReason LastResyncReason { get; private set; }

    /// <summary>A snapshot is needed and the owner has not yet taken the request.</summary>
    public bool SnapshotWanted { get; private set; }

    /// <summary>The owner took the request and a fetch is under way.</summary>
    public bool SnapshotInFlight { get; private set; }

    /// <summary>Worst trusted bid price (valid when <see cref="BidsBounded"/>).</summary>
    public long BidBoundary { get; private set; }

    /// <summary>Worst trusted ask price (valid when <see cref="AsksBounded"/>).</summary>
    public long AskBoundary { get; private set; }

    /// <summary>The snapshot was cut at its depth (or the local depth limit dropped bids): bids below the boundary are unknown.</summary>
    public bool BidsBounded { get; private set; }

    /// <summary>Asks above the boundary are unknown.</summary>
    public bool AsksBounded { get; private set; }

    /// <summary>Snapshots applied.</summary>
    public long Snapshots { get; private set; }

    /// <summary>Diffs applied to the book.</summary>
    public long DiffsApplied { get; private set; }

    /// <summary>Diffs dropped as already contained in the snapshot (or duplicates).</summary>
    public long DiffsStale { get; private set; }

    /// <summary>Diffs held while the book awaited a snapshot.</summary>
    public long DiffsBuffered { get; private set; }

    /// <summary>Update-id continuity breaks (including a snapshot that no buffered diff bridges).</summary>
    public long Gaps { get; private set; }

    /// <summary>Transitions into Resyncing.</summary>
    public long Resyncs { get; private set; }

    /// <summary>Diff levels beyond the trusted boundary (dropped when strict, kept otherwise).</summary>
    public long LevelsBeyondSnapshot { get; private set; }

    /// <summary>Deletes of a price the book did not hold.</summary>
    public long DeletesOfMissingLevels { get; private set; }

    /// <summary>Strict books only: a bounded side has no trusted level left (the market moved past the snapshot's range).</summary>
    public bool TrustedRangeExhausted =>
        !KeepLevelsBeyondSnapshot && ((BidsBounded && Book.Bids.Count == 0) || (AsksBounded && Book.Asks.Count == 0));

    /// <summary>Holds a diff frame until the snapshot arrives and asks for the snapshot.</summary>
    public void Buffer(ReadOnlySpan<byte> frame, long receiveNanos)
    {
        DiffsBuffered++;
        Pending.Add(frame, receiveNanos);
        SnapshotWanted |= !SnapshotInFlight;
    }

    /// <summary>Takes the snapshot request (once); the owner fetches and calls <see cref="BeginSnapshot"/> or <see cref="SnapshotFailed"/>.</summary>
    public bool TryTakeSnapshotRequest()
    {
        if (!SnapshotWanted)
        {
            return false;
        }

        SnapshotWanted = false;
        SnapshotInFlight = true;
        return true;
    }

    /// <summary>The fetch failed: ask again.</summary>
    public void SnapshotFailed()
    {
        SnapshotInFlight = false;
        SnapshotWanted = State != BookSyncState.InSync;
    }

    /// <summary>Checks a diff's ids while InSync and counts the outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UpdateIdCheck CheckDiff(long first, long last, long previous)
    {
        var check = Sync.Check(first, last, previous);
        if (check == UpdateIdCheck.Apply)
        {
            DiffsApplied++;
        }
        else if (check == UpdateIdCheck.Stale)
        {
            DiffsStale++;
        }
        else
        {
            Gaps++;
        }

        return check;
    }

    /// <summary>Clears the book for a snapshot that reflects every change up to <paramref name="lastUpdateId"/>.</summary>
    public void BeginSnapshot(long lastUpdateId)
    {
        Book.Clear();
        BidsBounded = false;
        AsksBounded = false;
        _snapshotBids = 0;
        _snapshotAsks = 0;
        Sync.OnSnapshot(lastUpdateId);
    }

    /// <summary>Adds one snapshot level.</summary>
    public BookChange ApplySnapshotLevel(Side side, long price, long size)
    {
        if (side == Side.Bid)
        {
            _snapshotBids++;
        }
        else
        {
            _snapshotAsks++;
        }

        return Book.Apply(side, price, size, 0);
    }

    /// <summary>
    /// Ends the snapshot and goes InSync. A side with <paramref name="requestedDepth"/> levels (or any
    /// non-empty side when the depth is unknown, <paramref name="requestedDepth"/> &lt;= 0) was cut by the
    /// venue: its worst level becomes the trusted boundary.
    /// </summary>
    public void CompleteSnapshot(int requestedDepth)
    {
        BidsBounded = IsCut(Book.Bids, _snapshotBids, requestedDepth);
        BidBoundary = BidsBounded ? Book.Bids.AtDepth(Book.Bids.Count - 1).Price : 0;
        AsksBounded = IsCut(Book.Asks, _snapshotAsks, requestedDepth);
        AskBoundary = AsksBounded ? Book.Asks.AtDepth(Book.Asks.Count - 1).Price : 0;
        Snapshots++;
        SnapshotWanted = false;
        SnapshotInFlight = false;
        State = BookSyncState.InSync;
        LastResyncReason = ResyncReason.None;
    }

    /// <summary>Applies one diff level; beyond the trusted range a strict book returns <see cref="BookChange.DroppedBeyondDepth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BookChange ApplyDiffLevel(Side side, long price, long size)
    {
        var bids = side == Side.Bid;
        if (bids ? BidsBounded && price < BidBoundary : AsksBounded && price > AskBoundary)
        {
            LevelsBeyondSnapshot++;
            if (!KeepLevelsBeyondSnapshot)
            {
                return BookChange.DroppedBeyondDepth;
            }
        }

        var bookSide = bids ? Book.Bids : Book.Asks;
        var full = bookSide.Count == bookSide.MaxLevels;
        var change = Book.Apply(side, price, size, 0);
        if (change == BookChange.DeleteMissing)
        {
            DeletesOfMissingLevels++;
        }
        else if (change == BookChange.DroppedBeyondDepth || (full && change == BookChange.Inserted))
        {
            TightenToWorst(bookSide);
        }

        return change;
    }

    /// <summary>The book is known bad: diffs are buffered (not applied) until a new snapshot bridges them.</summary>
    public void MarkResyncing(ResyncReason reason)
    {
        if (State != BookSyncState.Resyncing)
        {
            Resyncs++;
        }

        State = BookSyncState.Resyncing;
        LastResyncReason = reason;
        Sync.Reset();
        SnapshotWanted = !SnapshotInFlight;
    }

    /// <summary>A new connection: forget ids and buffered frames; the book awaits a fresh snapshot.</summary>
    public void Reset()
    {
        State = BookSyncState.AwaitingSnapshot;
        Sync.Reset();
        Pending.Clear();
        SnapshotWanted = false;
        SnapshotInFlight = false;
    }

    private static bool IsCut(L2BookSide side, int received, int requestedDepth) =>
        side.Count > 0 && (requestedDepth <= 0 || received >= requestedDepth || side.Count < received);

    private void TightenToWorst(L2BookSide side)
    {
        var worst = side.AtDepth(side.Count - 1).Price;
        if (side.IsBid)
        {
            BidsBounded = true;
            BidBoundary = worst;
        }
        else
        {
            AsksBounded = true;
            AskBoundary = worst;
        }
    }
}
