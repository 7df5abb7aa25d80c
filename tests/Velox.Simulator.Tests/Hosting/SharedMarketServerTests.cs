using System.Text;
using System.Text.Json;
using Velox.Net.WebSockets;
using Velox.Simulator.Hosting;
using Velox.Simulator.Market;
using Velox.Simulator.Tests.OrderEntry;

namespace Velox.Simulator.Tests.Hosting;

/// <summary>
/// <see cref="SimulatorOptions.SharedMarket"/> over real sockets: two connections of one server show one book,
/// and an order sent on one connection trades against the book the other connection shows.
/// </summary>
[CancelAfter(30_000)]
public class SharedMarketServerTests
{
    private const string Subscribe = "{\"event\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"tBTCUSD\",\"len\":\"25\"}";

    private static readonly SimInstrumentSpec Btc = SimInstrumentSpec.Defaults[0];

    [Test]
    public async Task TwoConnections_SeeTheSameSequenceOfBooks()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 5, EventsPerSecond = 400, SharedMarket = true });
        server.Start();
        using var a = await WebSocketClient.ConnectAsync(server.Url);
        var clientA = new BookClient(a);
        clientA.Subscribe();
        clientA.PollUntil(() => clientA.Checksums.Count >= 50);

        using var b = await WebSocketClient.ConnectAsync(server.Url);
        var clientB = new BookClient(b);
        clientB.Subscribe();
        clientB.PollUntil(() => clientB.Checksums.Count >= 200);
        clientA.PollUntil(() => clientA.Checksums.Count >= clientA.IndexOf(clientB.Checksums[0]) + 200);

        // B joined later: its snapshot is one of the books A went through, and from there every update gives both the same book.
        var start = clientA.IndexOf(clientB.Checksums[0]);
        Assert.That(start, Is.GreaterThan(0), "B's snapshot is a book A showed after its own snapshot");
        var fromA = clientA.Checksums.Skip(start).Take(200).ToList();
        var fromB = clientB.Checksums.Take(200).ToList();
        Assert.That(fromB, Is.EqualTo(fromA));
        Assert.That(fromB.Distinct().Count(), Is.GreaterThan(100), "the market moved meanwhile");
    }

    [Test]
    public async Task DefaultServer_GivesEachConnectionItsOwnMarket()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 5, EventsPerSecond = 400 });
        server.Start();
        using var a = await WebSocketClient.ConnectAsync(server.Url);
        var clientA = new BookClient(a);
        clientA.Subscribe();
        clientA.PollUntil(() => clientA.Checksums.Count >= 100);
        using var b = await WebSocketClient.ConnectAsync(server.Url);
        var clientB = new BookClient(b);
        clientB.Subscribe();
        clientB.PollUntil(() => clientB.Checksums.Count >= 100);

        Assert.That(clientA.Checksums.Intersect(clientB.Checksums), Is.Empty, "independent markets never show the same 25-level book");
    }

    [Test]
    public async Task TakerOnOneConnection_FillsAtTheAskTheOtherConnectionShows()
    {
        using var server = new BitfinexSimulatorServer(new SimulatorOptions { Seed = 8, EventsPerSecond = 2, SharedMarket = true });
        server.Start();
        using var md = await WebSocketClient.ConnectAsync(server.Url);
        var book = new BookClient(md);
        book.Subscribe();
        book.PollUntil(() => book.Checksums.Count >= 1);

        using var og = await WebSocketClient.ConnectAsync(server.Url);
        var orders = new BookClient(og);
        orders.Send(TradingDriver.AuthMessage(TradingDriver.Key, TradingDriver.Secret, 1_700_000_000_000_000L));
        orders.PollUntil(() => orders.Frames.Any(f => f.StartsWith("[0,\"os\"", StringComparison.Ordinal)));

        // The market moves twice a second: an attempt the market beat (no fill at md's ask) is retried with md's new ask.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            book.PollFor(TimeSpan.FromMilliseconds(50));
            var (askText, askSize) = book.Book.BestAsk!.Value;
            var amount = 0.001m;
            Assert.That(askSize, Is.GreaterThan(100_000), "the ask is larger than the order");
            orders.Send(TradingDriver.NewOrder("EXCHANGE IOC", amount.ToString(System.Globalization.CultureInfo.InvariantCulture), askText, cid: attempt));
            var closed = orders.PollUntil(f => f.StartsWith("[0,\"oc\"", StringComparison.Ordinal) && TradingDriver.Body(f)[2].GetInt64() == attempt);
            if (!TradingDriver.Body(closed)[13].GetString()!.StartsWith("EXECUTED", StringComparison.Ordinal))
            {
                continue;
            }

            var fill = orders.PollUntil(f => f.StartsWith("[0,\"te\"", StringComparison.Ordinal));
            Assert.That(TradingDriver.Body(fill)[5].GetRawText(), Is.EqualTo(askText), "taker fill at md's best ask");
            Assert.That(TradingDriver.Body(fill)[4].GetDouble(), Is.EqualTo((double)amount));

            // md's book shows the ask shrink by exactly the order's size (our trade, seen on the other connection).
            var shrunk = (-(askSize - 100_000) / 1e8).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);
            book.PollUntil(() => book.Updates.Contains($"{askText}:{shrunk}"));
            return;
        }

        Assert.Fail("no attempt filled at md's ask");
    }

    /// <summary>A real-socket client that keeps every frame and one book channel's wire book with its checksum after each change.</summary>
    private sealed class BookClient
    {
        private readonly WebSocketConnection _socket;
        private Collected _collected = new();
        private int _read;
        private int _bookChan = -1;

        public BookClient(WebSocketConnection socket) => _socket = socket;

        public List<string> Frames => _collected.All;

        public WireBook Book { get; } = new(Btc.PriceScale, Btc.SizeScale);

        /// <summary>Every update as "price:amount" (wire text).</summary>
        public List<string> Updates { get; } = [];

        /// <summary>The book's checksum after its snapshot and after every update.</summary>
        public List<int> Checksums { get; } = [];

        public void Subscribe() => Send(SharedMarketServerTests.Subscribe);

        public void Send(string json) => Assert.That(_socket.SendText(Encoding.UTF8.GetBytes(json)), Is.True);

        public int IndexOf(int checksum) => Checksums.IndexOf(checksum);

        public void PollUntil(Func<bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!done())
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "expected frames not received");
                PollFor(TimeSpan.FromMilliseconds(20));
            }
        }

        public string PollUntil(Func<string, bool> match)
        {
            var from = 0;
            string? found = null;
            PollUntil(() =>
            {
                for (; from < Frames.Count && found is null; from++)
                {
                    found = match(Frames[from]) ? Frames[from] : null;
                }

                return found is not null;
            });
            return found!;
        }

        public void PollFor(TimeSpan time)
        {
            _socket.Poll(ref _collected, time);
            Assert.That(_socket.State, Is.EqualTo(WebSocketConnectionState.Open));
            for (; _read < Frames.Count; _read++)
            {
                var frame = Frames[_read];
                if (Tests.Frames.EventName(frame) == "subscribed")
                {
                    _bookChan = Tests.Frames.ChanIdOf(frame);
                    continue;
                }

                if (_bookChan < 0 || !Tests.Frames.IsChannel(frame, _bookChan))
                {
                    continue;
                }

                var payload = Tests.Frames.Parse(frame)[1];
                if (payload.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                if (payload.GetArrayLength() > 0 && payload[0].ValueKind == JsonValueKind.Array)
                {
                    Book.ApplySnapshot(payload);
                }
                else
                {
                    Book.Apply(payload);
                    Updates.Add($"{payload[0].GetRawText()}:{payload[2].GetRawText()}");
                }

                Checksums.Add(Book.WireTextChecksum());
            }
        }
    }

    private struct Collected : IWebSocketHandler
    {
        public Collected()
        {
        }

        public List<string> All { get; } = [];

        public readonly void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => All.Add(Encoding.UTF8.GetString(payload));

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
