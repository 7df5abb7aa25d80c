using System.Text;
using Velox.Core.Hashing;
using Velox.MarketData.Sync;
using Velox.Venues.Okx.Session;

namespace Velox.Venues.Okx.Tests.Session;

public sealed class SyncStateMachineTests
{
    private const string SubscribeBooks = "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}";
    private const string UnsubscribeBooks = "{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}";
    private const string Arg = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},";

    // Trailing zeros on the wire ("100.10", "1.50", "0.10") are part of the checksummed text.
    private static readonly string Snapshot = Arg + "\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"100.2\",\"0.10\",\"0\",\"1\"],[\"100.3\",\"3\",\"0\",\"1\"]],"
        + "\"bids\":[[\"100.10\",\"1.50\",\"0\",\"2\"],[\"100.0\",\"2\",\"0\",\"1\"]],\"ts\":\"1\",\"checksum\":"
        + Crc("100.10:1.50:100.2:0.10:100.0:2:100.3:3") + "}]}";

    [Test]
    public void SnapshotBringsTheBookInSyncAndChecksumsUseTheWireText()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();

        Assert.That(session.ProcessFrame(Encoding.UTF8.GetBytes(Snapshot), 0, ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));

        var book = session.Find(OkxChannel.Books, "BTC-USDT")!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(recorder.States, Is.EqualTo(new[] { (BookSyncState.InSync, ResyncReason.None) }));
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1));
        Assert.That(recorder.Updates, Has.Count.EqualTo(4));
        Assert.That(recorder.Updates[0].Flags.HasFlag(MarketData.Events.BookUpdateFlags.SnapshotBegin), Is.True);
        Assert.That(recorder.Updates[3].Flags.HasFlag(MarketData.Events.BookUpdateFlags.SnapshotEnd), Is.True);
        Assert.That(book.Book!.Levels.Bids.Best.Price, Is.EqualTo(100_100_000_000_000));
    }

    [Test]
    public void ChecksumOverReformattedTextWouldNotMatch()
    {
        var session = Subscribed();
        var reformatted = Snapshot.Replace(Crc("100.10:1.50:100.2:0.10:100.0:2:100.3:3"), Crc("100.1:1.5:100.2:0.1:100:2:100.3:3"));

        session.Feed(reformatted);

        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(1));
        Assert.That(session.Find(OkxChannel.Books, "BTC-USDT")!.State, Is.EqualTo(BookSyncState.Resyncing));
    }

    [Test]
    public void UpdatesBeforeTheSnapshotAreIgnored()
    {
        var session = Subscribed();

        Assert.That(session.Feed(Update("[[\"100.2\",\"0\",\"0\",\"0\"]]", "[]", Crc("x"))), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Stats.BookUpdatesIgnored, Is.EqualTo(1));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void UpdateAppliesDeletesAndVerifiesTheChecksum()
    {
        var session = Subscribed();
        session.Feed(Snapshot);

        var outcome = session.Feed(Update("[[\"100.2\",\"0\",\"0\",\"0\"]]", "[[\"100.15\",\"4\",\"0\",\"1\"]]", Crc("100.15:4:100.3:3:100.10:1.50:100.0:2")));

        Assert.That(outcome, Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(2));
        Assert.That(session.Stats.ChecksumMismatches, Is.Zero);
    }

    [Test]
    public void ChecksumMismatchResubscribesAndIgnoresUpdatesUntilTheNextSnapshot()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();
        session.ProcessFrame(Encoding.UTF8.GetBytes(Snapshot), 0, ref recorder);

        session.ProcessFrame(Encoding.UTF8.GetBytes(Update("[]", "[[\"100.15\",\"4\",\"0\",\"1\"]]", 12345)), 0, ref recorder);

        var book = session.Find(OkxChannel.Books, "BTC-USDT")!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
        Assert.That(recorder.States[^1], Is.EqualTo((BookSyncState.Resyncing, ResyncReason.ChecksumMismatch)));
        Assert.That(session.Drain(), Is.EqualTo(new List<string> { UnsubscribeBooks, SubscribeBooks }));

        Assert.That(session.Feed(Update("[]", "[[\"100.16\",\"4\",\"0\",\"1\"]]", 1)), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Stats.Resyncs, Is.EqualTo(1));
    }

    [Test]
    public void SeqIdGapRequestsAResync()
    {
        var session = Subscribed();
        session.Feed(Arg + "\"action\":\"snapshot\",\"data\":[{\"asks\":[[\"101\",\"1\",\"0\",\"1\"]],\"bids\":[[\"100\",\"1\",\"0\",\"1\"]],\"ts\":\"1\",\"seqId\":10,\"prevSeqId\":-1}]}");
        session.Feed(Arg + "\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[[\"99\",\"1\",\"0\",\"1\"]],\"ts\":\"2\",\"seqId\":11,\"prevSeqId\":10}]}");
        Assert.That(session.Stats.SequenceGaps, Is.Zero);

        var outcome = session.Feed(Arg + "\"action\":\"update\",\"data\":[{\"asks\":[],\"bids\":[[\"98\",\"1\",\"0\",\"1\"]],\"ts\":\"3\",\"seqId\":14,\"prevSeqId\":13}]}");

        Assert.That(outcome, Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Stats.SequencesChecked, Is.EqualTo(2));
        Assert.That(session.Stats.SequenceGaps, Is.EqualTo(1));
        var book = session.Find(OkxChannel.Books, "BTC-USDT")!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.SequenceGap));
        Assert.That(book.Book!.Levels.Bids.Count, Is.EqualTo(2), "the update after the gap was not applied");
    }

    [Test]
    public void DroppedRecordedDiffIsDetectedByTheNextChecksum()
    {
        var frames = OkxTestSupport.RecordedFrames();
        var session = OkxTestSupport.NewSession();
        var dropped = 0;
        var updatesSeen = 0;
        foreach (var frame in frames)
        {
            if (OkxTestSupport.IsBook(frame, "BTC-USDT") && Encoding.UTF8.GetString(frame).Contains("\"action\":\"update\"", StringComparison.Ordinal)
                && ++updatesSeen == 10)
            {
                dropped++;
                continue;
            }

            session.ProcessFrame(frame, 0);
        }

        var book = session.Find(OkxChannel.Books, "BTC-USDT")!;
        Assert.That(dropped, Is.EqualTo(1));
        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(1));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
        Assert.That(session.Stats.BookUpdatesIgnored, Is.GreaterThan(0), "later BTC-USDT updates wait for a snapshot");
        Assert.That(session.Find(OkxChannel.Books, "UNI-USD-SWAP")!.State, Is.EqualTo(BookSyncState.InSync), "other books are unaffected");
        Assert.That(session.Drain(), Has.Count.EqualTo(2));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void ReconnectMarksBooksStaleAndResubscribes()
    {
        var session = Subscribed();
        session.Feed(Snapshot);
        session.Drain();

        session.OnConnected();

        Assert.That(session.Find(OkxChannel.Books, "BTC-USDT")!.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Drain(), Is.EqualTo(new List<string> { SubscribeBooks }));
    }

    internal static string Crc(string text) => ((int)Crc32.Compute(Encoding.ASCII.GetBytes(text))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Update(string asks, string bids, string checksum) =>
        Arg + "\"action\":\"update\",\"data\":[{\"asks\":" + asks + ",\"bids\":" + bids + ",\"ts\":\"2\",\"checksum\":" + checksum + "}]}";

    private static string Update(string asks, string bids, int checksum) =>
        Update(asks, bids, checksum.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static OkxMarketDataSession Subscribed()
    {
        var session = OkxTestSupport.NewSession();
        session.Subscribe(OkxChannel.Books, "BTC-USDT");
        session.Drain();
        return session;
    }
}
