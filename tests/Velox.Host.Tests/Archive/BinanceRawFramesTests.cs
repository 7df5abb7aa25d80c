using System.Text;
using Velox.Host.Topology;
using Velox.Host.Topology.Orders;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;
using Velox.Net.Reconnect;
using Velox.Venues.Binance.Connection;

namespace Velox.Host.Tests.Archive;

/// <summary>
/// md's Binance connector with its raw-frame hook, against the simulated Binance over real sockets, into a real raw
/// stream: every inbound frame arrives behind a header with Binance's venue id, the REST depth snapshot as a REST
/// response record, the connection start on the first record; the frame path allocates nothing.
/// </summary>
[NonParallelizable]
public sealed class BinanceRawFramesTests
{
    [Test]
    public void Every_frame_and_the_snapshot_reach_the_raw_stream_and_a_frame_allocates_nothing()
    {
        var directory = Path.Combine("/dev/shm", $"velox-test-rawbn-hook-{Guid.NewGuid():N}");
        using var server = ArbitrageVenues.CreateBinance(seed: 3, eventsPerSecond: 2_000, epochMillis: 1_700_000_000_000);
        server.Start();
        try
        {
            using var ipc = new IpcDirectory(new IpcOptions { Directory = directory });
            using var raw = ipc.AddExclusivePublication(TopologyStreams.RawFrames);
            using var subscription = ipc.AddSubscription(TopologyStreams.RawFrames);
            var reader = new FragmentAssembler<RawRecords>(new RawRecords(new byte[256]), raw.MaxMessageLength);
            var deadline = Environment.TickCount64 + 20_000;
            while (!(raw.IsConnected && subscription.IsConnected))
            {
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), "the raw stream connects");
                raw.DoWork();
                subscription.Poll(ref reader, 16);
                Thread.Sleep(1);
            }

            var registry = TopologyInstruments.Create(withBinance: true, out _);
            var session = ArbitrageVenues.CreateBinanceSession(registry, out var symbol);
            using var snapshots = ArbitrageVenues.CreateSnapshots(server.Rest!.BaseAddress);
            var reconnect = new ReconnectPolicy(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), ReconnectJitter.Full, new Random(1));
            var publisher = new RawFramePublisher(raw, TopologyStreams.BinanceVenueId);
            using var connector = new BinanceConnector<NullMarketDataHandler>(ArbitrageVenues.MarketDataUrl(server), session, snapshots, default, reconnect)
            {
                RawFrames = publisher,
            };
            int Turn() => connector.DoWork() + raw.DoWork() + subscription.Poll(ref reader, 64);

            while (symbol.Depth!.State != BookSyncState.InSync || publisher.Published < 100)
            {
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"in sync with 100 frames: {symbol.Depth.State}, {publisher.Published} published, {connector.LastError}");
                if (Turn() == 0)
                {
                    Thread.Yield();
                }
            }

            const int Frames = 300;
            var published = publisher.Published;
            var before = GC.GetAllocatedBytesForCurrentThread();
            while (publisher.Published - published < Frames && Environment.TickCount64 < deadline)
            {
                if (Turn() == 0)
                {
                    Thread.Yield();
                }
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(publisher.Published - published, Is.GreaterThanOrEqualTo(Frames), "frames kept coming");
            Assert.That(allocated, Is.Zero, $"{allocated} B over {publisher.Published - published} frames");

            while (reader.Handler.Messages < publisher.Published && Environment.TickCount64 < deadline)
            {
                raw.DoWork();
                subscription.Poll(ref reader, 256);
            }

            var records = reader.Handler;
            Assert.Multiple(() =>
            {
                Assert.That(publisher.Dropped, Is.Zero);
                Assert.That(records.Messages, Is.EqualTo(publisher.Published), "every published record read back");
                Assert.That(records.OtherVenue, Is.Zero, "all under Binance's venue id");
                Assert.That(records.RestResponses, Is.EqualTo(session.Stats.Snapshots), "each applied snapshot is recorded");
                Assert.That(records.RestResponses, Is.EqualTo(1));
                Assert.That(Encoding.ASCII.GetString(records.Request), Does.StartWith("api/v3/depth?").And.Contain("symbol=BTCUSDT"));
                Assert.That(records.BodyStart, Is.EqualTo("{\"lastUpdateId\""), "the body follows the request line");
                Assert.That(records.Frames, Is.EqualTo(session.Stats.Frames), "every frame the session parsed is recorded");
                Assert.That(records.ConnectionStarts, Is.EqualTo(1));
                Assert.That(records.FirstIsConnectionStart, Is.True, "the connection start marks the first record");
            });
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Counts raw records by kind and keeps the last REST request.</summary>
    private struct RawRecords(byte[] request) : IFragmentHandler
    {
        private readonly byte[] _request = request;
        private int _requestLength;

        public long Messages { get; private set; }

        public long Frames { get; private set; }

        public long RestResponses { get; private set; }

        public long OtherVenue { get; private set; }

        public long ConnectionStarts { get; private set; }

        public bool FirstIsConnectionStart { get; private set; }

        public string? BodyStart { get; private set; }

        public readonly byte[] Request => _request.AsSpan(0, _requestLength).ToArray();

        public void OnFragment(ReadOnlySpan<byte> payload, in FragmentHeader header)
        {
            Messages++;
            var start = (RawFrameHeader.Flags(payload) & RawFrameHeader.ConnectionStartFlag) != 0;
            if (start)
            {
                ConnectionStarts++;
            }

            if (Messages == 1)
            {
                FirstIsConnectionStart = start;
            }

            if (RawFrameHeader.VenueId(payload) != TopologyStreams.BinanceVenueId)
            {
                OtherVenue++;
            }

            RawFrameHeader.TryGetFrame(payload, out var frame);
            if (!RawFrameHeader.IsRestResponse(payload))
            {
                Frames++;
                return;
            }

            RestResponses++;
            if (RawFrameHeader.TrySplitRestResponse(frame, out var request, out var body))
            {
                _requestLength = Math.Min(request.Length, _request.Length);
                request[.._requestLength].CopyTo(_request);
                BodyStart = Encoding.ASCII.GetString(body[..Math.Min(15, body.Length)]);
            }
        }
    }
}
