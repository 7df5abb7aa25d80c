using System.Text;
using Velox.Core;
using Velox.MarketData.Books;
using Velox.MarketData.Capture;
using Velox.MarketData.Outbound;
using Velox.MarketData.Replay;

namespace Velox.MarketData.Tests.Replay;

public sealed class CaptureReplayDriverTests
{
    [Test]
    public void RecordsAreFedOrCountedAndQueuedRequestsDrained()
    {
        using var reader = CaptureReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(
            "wss://x/ws/2 <-> 1618677543.1\n" +
            "wss://x/ws/2 <- 1618677543.2: {\"event\":\"subscribe\"}\n" +
            "1618677543.3: [1,\"hb\"]\n" +
            "1618677543.4: [1,\"hb\"]\n" +
            "https://x/v2/conf -> 1618677543.5: [[\"BTCUSD\"]]\n" +
            "wss://x/ws/2 <-> 1618677543.6\n" +
            "1618677543.7: [1,\"hb\"]\n")));
        var target = new RecordingTarget(new OutboundQueue(4, 64));

        var counts = CaptureReplayDriver.Run(reader, ref target);

        Assert.That(target.Inbound, Is.EqualTo(3));
        Assert.That(target.Outbound, Is.EqualTo(1));
        Assert.That(target.Reconnects, Is.EqualTo(1), "only a connect after the first is a reconnect");
        Assert.That(counts, Is.EqualTo(new CaptureReplayCounts(Outbound: 1, Connects: 2, Rest: 1, Meta: 0, RequestsQueued: 3)));
    }

    [Test]
    public void BookTopIsFormattedAtTheInstrumentScales()
    {
        var book = new L2Book(new(1), 10);
        book.Apply(Side.Bid, 6511420, 5974, 1);
        book.Apply(Side.Bid, 6511410, 1000, 1);
        var top = ReplayBooks.Top("BTCUSDT", "books", "InSync", book, 2, 3);
        Assert.That(top, Is.EqualTo(new ReplayBook("BTCUSDT", "books", "InSync", 2, 0, "65114.2", "5.974", null, null)));
    }

    [Test]
    public void ErrorsByReasonListsNonZeroReasonsInValueOrderWithoutTheZeroValue()
    {
        var errors = ReplayErrors.ByReason<Reason>(r => r == Reason.Internal ? 2 : 5);
        Assert.That(errors, Is.EqualTo(new KeyValuePair<string, long>[] { new("Empty", 5), new("Malformed", 5), new("Internal", 2) }));
        Assert.That(ReplayErrors.ByReason<Reason>(_ => 0), Is.Empty);
    }

    /// <summary>Queues one request per inbound frame, as a session answering pings would.</summary>
    private struct RecordingTarget(OutboundQueue queue) : ICaptureReplayTarget
    {
        public int Inbound { get; private set; }

        public int Outbound { get; private set; }

        public int Reconnects { get; private set; }

        public void OnInbound(in CaptureRecord record)
        {
            Inbound++;
            queue.BeginWrite()[0] = (byte)'p';
            queue.Commit(1);
        }

        public void OnOutbound(in CaptureRecord record) => Outbound++;

        public void OnConnect(in CaptureRecord record, bool reconnect) => Reconnects += reconnect ? 1 : 0;

        public readonly long DrainRequests() => CaptureReplayDriver.Drain(queue);
    }

    private enum Reason : byte
    {
        None = 0,
        Empty,
        Malformed,
        Internal,
    }
}
