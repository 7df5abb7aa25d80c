using Velox.Archive.Catalog;
using Velox.Archive.Recording;
using Velox.Archive.Replay;
using Velox.Archive.Tests.Support;
using Velox.Core.Instruments;
using Velox.Host.Archive;
using Velox.MarketData.Events;
using Velox.MarketData.Sync;
using Velox.Net.WebSockets;
using Velox.Simulator;
using Velox.Simulator.Hosting;
using Velox.Venues.Bitfinex;
using Velox.Venues.Bitfinex.Parsing;
using Velox.Venues.Bitfinex.Session;

namespace Velox.Archive.Tests.Determinism;

/// <summary>
/// The determinism proof of the IPC design: frames received live from the simulator are published on the raw
/// frames stream and recorded; replaying the recording (no network) through a new session gives the same
/// events in the same order (hash over every field, receive times included), the same books level by level
/// and the same counters. A second replay gives the same hash again: nothing depends on clocks or hash order.
/// </summary>
[NonParallelizable]
public class DeterminismTests
{
    private const int Stream = 41;
    private const int BookLength = 25;
    private const long FramesToRecord = 20_000;

    [Test]
    public void Replayed_recording_reproduces_the_live_events_books_and_counters()
    {
        using var fixture = new ArchiveFixture();
        var simulator = new SimulatorOptions { Seed = 11, EventsPerSecond = 10_000 };
        var (live, recording) = RecordLive(fixture, simulator);
        TestContext.Out.WriteLine($"live: {live.Frames} frames, {live.Hash.Count} events, hash {live.Hash.Value:X16}, {recording.StopPosition - recording.StartPosition} bytes recorded");
        Assert.That(live.Session.Stats.ChecksumsVerified, Is.GreaterThan(1_000), "too little traffic to prove anything");
        Assert.That(live.Session.Stats.ChecksumMismatches + live.Session.Stats.SequenceGaps + live.Session.Stats.Errors, Is.Zero);

        var (first, firstSession) = Replay(fixture, recording, simulator);
        var (second, _) = Replay(fixture, recording, simulator);

        Assert.Multiple(() =>
        {
            Assert.That(first.Count, Is.EqualTo(live.Hash.Count), "event count");
            Assert.That(first.Value, Is.EqualTo(live.Hash.Value), "event hash");
            Assert.That(second.Count, Is.EqualTo(first.Count), "second replay event count");
            Assert.That(second.Value, Is.EqualTo(first.Value), "second replay hash");
            Assert.That(Books(firstSession), Is.EqualTo(Books(live.Session)), "books");
            Assert.That(Stats(firstSession), Is.EqualTo(Stats(live.Session)), "stats");
        });
    }

    private static (LiveRawFrameTap Live, RecordingDescriptor Recording) RecordLive(ArchiveFixture fixture, SimulatorOptions simulator)
    {
        using var server = new BitfinexSimulatorServer(simulator);
        server.Start();
        using var publication = fixture.Ipc.AddExclusivePublication(Stream);
        using var subscription = fixture.Ipc.AddSubscription(Stream);
        using var recorder = new ArchiveRecorder(fixture.Catalog, subscription, new ArchiveRecorderOptions { SegmentLength = 4 * ArchiveFixture.TermLength });
        ArchiveFixture.Until(() => recorder.Status == RecorderStatus.Recording, () => publication.DoWork() + recorder.DoWork());

        var tap = new LiveRawFrameTap(NewSession(simulator), publication, recorder);
        using (var connection = WebSocketClient.Connect(server.Url))
        {
            tap.Session.OnConnected();
            tap.Flush(connection);
            var handler = new LiveRawFrameTap.Handler(tap);
            var deadline = Environment.TickCount64 + 30_000;
            while (tap.Frames < FramesToRecord)
            {
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"only {tap.Frames} frames received");
                Assert.That(connection.State, Is.EqualTo(WebSocketConnectionState.Open));
                var work = connection.Poll(ref handler) + recorder.DoWork() + publication.DoWork();
                tap.Flush(connection);
                if (work == 0)
                {
                    Thread.Yield();
                }
            }
        }

        ArchiveFixture.Until(() => recorder.Position == publication.Position, () => publication.DoWork() + recorder.DoWork());
        recorder.Stop();
        return (tap, recorder.Descriptor);
    }

    private static (EventHash Hash, BitfinexMarketDataSession Session) Replay(ArchiveFixture fixture, RecordingDescriptor recording, SimulatorOptions simulator)
    {
        var session = NewSession(simulator);
        var hash = default(EventHash);
        var status = RawFrameSessionReplay.Run(new RecordingReader(fixture.ArchivePath, recording), session, ref hash, out var error);
        Assert.That(status, Is.EqualTo(ReadStatus.End), error);
        return (hash, session);
    }

    private static BitfinexMarketDataSession NewSession(SimulatorOptions simulator)
    {
        var registry = new InstrumentRegistry();
        var session = new BitfinexMarketDataSession(registry, new BitfinexSessionOptions
        {
            ConfFlags = BitfinexConfFlags.SeqAll | BitfinexConfFlags.OrderBookChecksum,
        });
        foreach (var spec in simulator.Instruments)
        {
            registry.Add(BitfinexVenue.Name, spec.Symbol, spec.PriceScale, spec.SizeScale);
            session.SubscribeBook(spec.Symbol, "P0", "F0", BookLength);
            session.SubscribeTrades(spec.Symbol);
        }

        return session;
    }

    /// <summary>Every level of every book, best first, as text so a difference names the book, side and depth.</summary>
    private static List<string> Books(BitfinexMarketDataSession session)
    {
        var levels = new List<string>();
        foreach (var subscription in session.Subscriptions)
        {
            if (subscription!.Book is not { } book)
            {
                continue;
            }

            levels.Add($"{subscription.Instrument.Symbol} {subscription.State} bids {book.Bids.Count} asks {book.Asks.Count}");
            Assert.That(subscription.State, Is.EqualTo(BookSyncState.InSync));
            for (var i = 0; i < book.Bids.Count; i++)
            {
                levels.Add($"{subscription.Instrument.Symbol} bid {i} {book.Bids.AtDepth(i)}");
            }

            for (var i = 0; i < book.Asks.Count; i++)
            {
                levels.Add($"{subscription.Instrument.Symbol} ask {i} {book.Asks.AtDepth(i)}");
            }
        }

        return levels;
    }

    /// <summary>Every counter of the session, by name, and the errors by reason.</summary>
    private static List<string> Stats(BitfinexMarketDataSession session)
    {
        var stats = new List<string>();
        foreach (var property in typeof(BitfinexSessionStats).GetProperties())
        {
            stats.Add($"{property.Name} {property.GetValue(session.Stats)}");
        }

        for (var reason = FrameError.Empty; reason <= FrameError.Internal; reason++)
        {
            stats.Add($"{reason} {session.Stats.ErrorsFor(reason)}");
        }

        return stats;
    }
}
