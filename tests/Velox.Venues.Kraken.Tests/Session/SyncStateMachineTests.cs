using System.Globalization;
using System.Text;
using Velox.Core.Hashing;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Venues.Kraken.Session;

namespace Velox.Venues.Kraken.Tests.Session;

public sealed class SyncStateMachineTests
{
    private const string Status = "{\"channelID\":42,\"channelName\":\"book-2\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\",\"status\":\"subscribed\",\"subscription\":{\"depth\":2,\"name\":\"book\"}}";
    private const string Tail = ",\"book-2\",\"XBT/USD\"]";
    private const string Unsubscribe = "{\"event\":\"unsubscribe\",\"pair\":[\"XBT/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":2}}";
    private const string Subscribe = "{\"event\":\"subscribe\",\"pair\":[\"XBT/USD\"],\"subscription\":{\"name\":\"book\",\"depth\":2}}";
    private const string Snapshot = "[42,{\"as\":[[\"5541.30000\",\"2.50700000\",\"1534614057.321597\"],[\"5541.80000\",\"0.33000000\",\"1534614098.345543\"]],"
        + "\"bs\":[[\"5541.20000\",\"1.52900000\",\"1534614248.765567\"],[\"5539.90000\",\"0.30000000\",\"1534614241.769870\"]]}" + Tail;

    [Test]
    public void SnapshotBringsTheBookInSync()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();

        Assert.That(session.ProcessFrame(Encoding.UTF8.GetBytes(Snapshot), 0, ref recorder), Is.EqualTo(FrameOutcome.BookSnapshot));

        var book = session.Find(KrakenChannel.Book, "XBT/USD")!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.ChannelId, Is.EqualTo(42));
        Assert.That(recorder.States, Is.EqualTo(new[] { (BookSyncState.InSync, ResyncReason.None) }));
        Assert.That(recorder.Updates, Has.Count.EqualTo(4));
        Assert.That(recorder.Updates[0].Flags.HasFlag(BookUpdateFlags.SnapshotBegin), Is.True);
        Assert.That(recorder.Updates[3].Flags.HasFlag(BookUpdateFlags.SnapshotEnd), Is.True);
        Assert.That(book.Book!.Levels.Asks.Best.Price, Is.EqualTo(5541_30000000));
    }

    [Test]
    public void ChecksumUsesTheWireTextWithoutDotsAndLeadingZeros()
    {
        var session = Subscribed();
        session.Feed(Snapshot);

        var crc = Crc("5541.00000", "1.00000000", "5541.30000", "2.50700000", "5541.20000", "1.52900000", "5539.90000", "0.30000000");
        Assert.That(session.Feed(Update("{\"a\":[[\"5541.00000\",\"1.00000000\",\"1534614248.1\"]],\"c\":\"" + crc + "\"}")), Is.EqualTo(FrameOutcome.BookUpdate));

        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1), "5541.8 was truncated away: depth 2");
        Assert.That(session.Stats.LevelsTruncated, Is.EqualTo(1));
        Assert.That(session.Stats.ChecksumMismatches, Is.Zero);
    }

    [Test]
    public void TwoDictUpdateAndRepublishedLevelAreApplied()
    {
        var session = Subscribed();
        session.Feed(Snapshot);

        var crc = Crc("5541.30000", "2.50700000", "5541.80000", "0.33000000", "5541.25000", "0.10000000", "5541.20000", "1.52900000");
        var outcome = session.Feed(Update("{\"a\":[[\"5541.80000\",\"0.33000000\",\"1534614249.1\",\"r\"]]},{\"b\":[[\"5541.25000\",\"0.10000000\",\"1534614249.2\"]],\"c\":\"" + crc + "\"}"));

        Assert.That(outcome, Is.EqualTo(FrameOutcome.BookUpdate));
        Assert.That(session.Stats.RepublishedLevels, Is.EqualTo(1));
        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1));
    }

    [Test]
    public void TruncationHappensAfterTheWholeMessage()
    {
        // Insert a better ask and delete another in ONE message: Kraken keeps 5541.8 (no republish follows).
        var session = Subscribed();
        session.Feed(Snapshot);

        var crc = Crc("5541.00000", "1.00000000", "5541.80000", "0.33000000", "5541.20000", "1.52900000", "5539.90000", "0.30000000");
        session.Feed(Update("{\"a\":[[\"5541.00000\",\"1.00000000\",\"1.1\"],[\"5541.30000\",\"0.00000000\",\"1.2\"]],\"c\":\"" + crc + "\"}"));

        Assert.That(session.Stats.ChecksumsVerified, Is.EqualTo(1));
        Assert.That(session.Stats.ChecksumMismatches, Is.Zero);
    }

    [Test]
    public void UpdatesBeforeTheSnapshotAreIgnored()
    {
        var session = Subscribed();

        Assert.That(session.Feed(Update("{\"a\":[[\"5541.00000\",\"1.00000000\",\"1.1\"]],\"c\":\"1\"}")), Is.EqualTo(FrameOutcome.Ignored));
        Assert.That(session.Stats.BookUpdatesIgnored, Is.EqualTo(1));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void ChecksumMismatchResubscribesAndIgnoresUpdatesUntilTheNextSnapshot()
    {
        var session = Subscribed();
        var recorder = Recorder.Create();
        session.ProcessFrame(Encoding.UTF8.GetBytes(Snapshot), 0, ref recorder);

        session.ProcessFrame(Encoding.UTF8.GetBytes(Update("{\"b\":[[\"5541.25000\",\"0.10000000\",\"1.1\"]],\"c\":\"12345\"}")), 0, ref recorder);

        var book = session.Find(KrakenChannel.Book, "XBT/USD")!;
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
        Assert.That(recorder.States[^1], Is.EqualTo((BookSyncState.Resyncing, ResyncReason.ChecksumMismatch)));
        Assert.That(session.Drain(), Is.EqualTo(new List<string> { Unsubscribe, Subscribe }));
        Assert.That(session.Feed(Update("{\"b\":[[\"5541.26000\",\"0.10000000\",\"1.2\"]],\"c\":\"1\"}")), Is.EqualTo(FrameOutcome.Ignored));

        session.Feed("{\"channelID\":42,\"channelName\":\"book-2\",\"event\":\"subscriptionStatus\",\"pair\":\"XBT/USD\",\"status\":\"unsubscribed\",\"subscription\":{\"depth\":2,\"name\":\"book\"}}");
        session.Feed(Status.Replace("42", "77", StringComparison.Ordinal));
        Assert.That(session.Feed(Snapshot.Replace("[42,", "[77,", StringComparison.Ordinal)), Is.EqualTo(FrameOutcome.BookSnapshot));
        Assert.That(book.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(book.ChannelId, Is.EqualTo(77));
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.Error), "the old channelID is unbound");
    }

    [Test]
    public void DroppedRecordedDiffIsDetectedByTheNextChecksum()
    {
        var session = KrakenTestSupport.NewSession();
        var seen = 0;
        foreach (var frame in KrakenTestSupport.RecordedFrames("kraken/cryptofeed_KRAKEN.ws.50.0"))
        {
            if (frame.AsSpan().StartsWith("[992,{\"b\""u8) && ++seen == 1)
            {
                continue;
            }

            session.ProcessFrame(frame, 0);
        }

        var book = session.Find(KrakenChannel.Book, "XMR/USD")!;
        Assert.That(session.Stats.ChecksumMismatches, Is.EqualTo(1));
        Assert.That(book.State, Is.EqualTo(BookSyncState.Resyncing));
        Assert.That(book.LastResyncReason, Is.EqualTo(ResyncReason.ChecksumMismatch));
        Assert.That(session.Stats.BookUpdatesIgnored, Is.GreaterThan(0));
        Assert.That(session.Find(KrakenChannel.Book, "XBT/CHF")!.State, Is.EqualTo(BookSyncState.InSync));
        Assert.That(session.Drain(), Has.Count.EqualTo(2));
        Assert.That(session.Stats.Errors, Is.Zero);
    }

    [Test]
    public void ReconnectForgetsChannelIdsAndResubscribes()
    {
        var session = Subscribed();
        session.Feed(Snapshot);

        session.OnConnected();

        Assert.That(session.Find(KrakenChannel.Book, "XBT/USD")!.State, Is.EqualTo(BookSyncState.AwaitingSnapshot));
        Assert.That(session.Drain(), Is.EqualTo(new List<string> { Subscribe }));
        Assert.That(session.Feed(Snapshot), Is.EqualTo(FrameOutcome.Error));
    }

    private static string Crc(params string[] texts)
    {
        var digits = new StringBuilder();
        foreach (var text in texts)
        {
            digits.Append(text.Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0'));
        }

        return Crc32.Compute(Encoding.ASCII.GetBytes(digits.ToString())).ToString(CultureInfo.InvariantCulture);
    }

    private static string Update(string dicts) => "[42," + dicts + Tail;

    private static KrakenMarketDataSession Subscribed()
    {
        var session = KrakenTestSupport.NewSession();
        session.SubscribeBook("XBT/USD", 2);
        session.Drain();
        session.Feed(Status);
        return session;
    }
}
