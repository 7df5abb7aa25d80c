using Velox.Archive.Catalog;
using Velox.Archive.Recording;
using Velox.Archive.Replay;
using Velox.Core.Instruments;
using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Topology;
using Velox.Host.Trading.Arbitrage;
using Velox.Ipc;
using Velox.Ipc.Subscriptions;
using Velox.MarketData.Events;
using Velox.MarketData.Replay;
using Velox.MarketData.Streams;
using Velox.MarketData.Sync;
using Velox.Simulator.Faults;
using Velox.Venues.Binance.Replay;

namespace Velox.Host.Tests.Archive;

/// <summary>
/// `velox md --venues bitfinex,binance` as a real process against both simulators, its raw stream recorded by the
/// archive recorder (as the archiver process does), a dropped Binance diff injected mid-run: the recording replays both
/// venues through their sessions, the Binance book with md's recorded REST snapshots, ends in sync with the top of book
/// md published, and the dropped diff comes back as one gap and one resync. The Binance export with its REST capture
/// replay-checks the same.
/// </summary>
[NonParallelizable]
public sealed class MdRawRecordingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public void Binance_frames_and_snapshots_recorded_from_md_replay_to_md_s_book_and_report_the_injected_gap()
    {
        var ipcDirectory = Path.Combine("/dev/shm", $"velox-test-rawbn-{Guid.NewGuid():N}");
        var root = Path.Combine(Path.GetTempPath(), $"velox-test-rawbn-{Guid.NewGuid():N}");
        var archive = Path.Combine(root, "archive");
        using var bitfinex = ArbitrageVenues.CreateBitfinex(seed: 7, eventsPerSecond: 300, epochMillis: 1_700_000_000_000, port: 0);
        using var binance = ArbitrageVenues.CreateBinance(seed: 7, eventsPerSecond: 300, epochMillis: 1_700_000_000_000);
        bitfinex.Start();
        binance.Start();
        ChildProcess? md = null;
        try
        {
            md = ChildProcess.Start(Velox(), "md",
            [
                "--sim-url", bitfinex.Url.ToString(), "--venues", "bitfinex,binance", "--binance-url", ArbitrageVenues.MarketDataUrl(binance).ToString(),
                "--binance-rest", binance.Rest!.BaseAddress.ToString(), "--ipc-dir", ipcDirectory, "--await-subscriber", "60",
            ]);
            using var ipc = new IpcDirectory(new IpcOptions { Directory = ipcDirectory });
            using var catalog = ArchiveCatalog.Open(archive);
            using var raw = ipc.AddSubscription(TopologyStreams.RawFrames);
            using var recorder = new ArchiveRecorder(catalog, raw, new ArchiveRecorderOptions { SegmentLength = 1 << 20 });

            // The recorder joins the raw stream before md sees its market-data subscriber, so it records from md's first frame.
            Until(() => recorder.Status == RecorderStatus.Recording, () => recorder.DoWork(), md, "the recorder joins md's raw stream");
            using var events = ipc.AddSubscription(TopologyStreams.MarketData);
            var reader = new MarketDataFragmentHandler<PublishedBooks>(new PublishedBooks(new EngineBooks()));
            int Pump() => recorder.DoWork() + events.Poll(ref reader, 256);

            Until(() => reader.Handler.BinanceInSync && reader.Handler.Books.Book(BinanceId)!.TryGetTop(out _, out _), Pump, md, "md's Binance book in sync");
            var deadline = DateTime.UtcNow.AddSeconds(1);
            Until(() => DateTime.UtcNow > deadline, Pump, md, "a second of market data");
            Assert.That(binance.InjectFault(FaultKind.DropFrame), Is.EqualTo(1), "one Binance client drops a diff");
            Until(() => reader.Handler.BinanceResyncs >= 1 && reader.Handler.BinanceInSync, Pump, md, "md detects the gap and resyncs");
            deadline = DateTime.UtcNow.AddSeconds(1);
            Until(() => DateTime.UtcNow > deadline, Pump, md, "a second of market data after the resync");

            Assert.That(md.Stop(TimeSpan.FromSeconds(10)), Is.True, "md stops on SIGTERM");
            Until(() => recorder.Status == RecorderStatus.Stopped, () => recorder.DoWork(), null, "the recording ends with md's raw stream");
            Until(() => events.Poll(ref reader, 256) == 0 && events.Status != SubscriptionStatus.Connected, () => 0, null, "md's events read to the end");
            var published = reader.Handler.Books.Book(BinanceId)!;
            Assert.That(reader.Handler.BinanceInSync, Is.True, "md's Binance book ended in sync");
            var mdTop = ReplayBooks.Top(ArbitrageVenues.BinanceSymbol, "depth", nameof(BookSyncState.InSync), published, ArbitrageVenues.Scale, ArbitrageVenues.Scale);

            var recording = recorder.Descriptor;
            var (report, status, error) = RecordingCheck.CheckBinance(new RecordingReader(catalog.Directory, recording), "test");
            TestContext.Out.WriteLine(report.ToJson());
            Assert.That(status, Is.EqualTo(ReadStatus.End), error);
            Assert.Multiple(() =>
            {
                Assert.That(report.Frames, Is.GreaterThan(20), "Binance frames were recorded");
                Assert.That(report.Gaps, Is.EqualTo(1), "the dropped diff is one gap on replay");
                Assert.That(report.Resyncs, Is.EqualTo(1));
                Assert.That(report.Errors, Is.Zero);
                Assert.That(Counter(report, "snapshots"), Is.EqualTo(2), "md's two REST snapshots (start and resync) were recorded and applied");
                Assert.That(Counter(report, "unmatched_snapshots"), Is.Zero);
                Assert.That(Counter(report, "connect_records"), Is.EqualTo(1));
                Assert.That(report.Books, Has.Count.EqualTo(1));
                Assert.That(report.Books[0].State, Is.EqualTo(nameof(BookSyncState.InSync)));
                Assert.That(Top(report.Books[0]), Is.EqualTo(Top(mdTop)), "the replayed top of book is the one md published last");
            });

            using var output = new StringWriter();
            using var errors = new StringWriter();
            var code = ArchiveCommand.Run(["replay", "--recording", $"{recording.RecordingId}", "--check", "bitfinex,binance", "--dir", archive], output, errors);
            TestContext.Out.WriteLine(output.ToString());
            Assert.That(code, Is.EqualTo(ExitCodes.Findings), "the Binance gap is a finding" + errors);
            Assert.That(output.ToString(), Does.Contain("bitfinex replay-check of").And.Contain("binance replay-check of"));

            var bitfinexCheck = new StringWriter();
            Assert.That(ArchiveCommand.Run(["replay", "--recording", $"{recording.RecordingId}", "--check", "bitfinex", "--dir", archive], bitfinexCheck, TextWriter.Null),
                Is.EqualTo(ExitCodes.Ok), "Bitfinex frames replay clean next to Binance's: " + bitfinexCheck);

            var capture = Path.Combine(root, "binance.ws.txt");
            var snapshots = Path.Combine(root, "binance.http.txt");
            using var exportOutput = new StringWriter();
            Assert.That(ArchiveCommand.Run(["export", "--recording", $"{recording.RecordingId}", "--dir", archive, "--venue", "binance", "--out", capture, "--rest-out", snapshots], exportOutput, TextWriter.Null),
                Is.EqualTo(ExitCodes.Ok));
            TestContext.Out.WriteLine(exportOutput.ToString());
            Assert.That(exportOutput.ToString(), Does.Contain("exported 2 REST snapshots").And.Contain("messages of other venues"));
            var exported = BinanceReplayCheck.Run(capture, snapshots, keepLevelsBeyondSnapshot: true);
            Assert.Multiple(() =>
            {
                Assert.That(exported.Frames, Is.EqualTo(report.Frames));
                Assert.That(exported.Gaps, Is.EqualTo(1));
                Assert.That(Counter(exported, "snapshots"), Is.EqualTo(2));
                Assert.That(exported.Books.Select(b => b.State), Is.EqualTo(new[] { nameof(BookSyncState.InSync) }));
                Assert.That(Top(exported.Books[0]), Is.EqualTo(Top(mdTop)), "the exported capture replays to the same top");
            });
        }
        finally
        {
            md?.Stop(TimeSpan.FromSeconds(5));
            md?.Dispose();
            if (Directory.Exists(ipcDirectory))
            {
                Directory.Delete(ipcDirectory, recursive: true);
            }

            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static readonly InstrumentId BinanceId = new((ushort)1);

    private static VeloxExecutable Velox() =>
        new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "velox.dll")]);

    private static (string?, string?, string?, string?) Top(ReplayBook book) => (book.BestBid, book.BestBidSize, book.BestAsk, book.BestAskSize);

    private static long Counter(ReplayCheckReport report, string name) => report.Counters.Single(c => c.Key == name).Value;

    private static void Until(Func<bool> done, Func<int> work, ChildProcess? md, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!done())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out: {what}");
            if (md is { HasExited: true })
            {
                Assert.Fail($"md exited ({md.DescribeExit()}) before: {what}");
            }

            if (work() == 0)
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>md's market-data stream into <see cref="EngineBooks"/>, with the Binance book's sync state transitions.</summary>
    private struct PublishedBooks(EngineBooks books) : IMarketDataHandler
    {
        public readonly EngineBooks Books = books;

        public bool BinanceInSync { get; private set; }

        public int BinanceResyncs { get; private set; }

        public readonly void OnBookUpdate(in BookUpdate update) => Books.OnBookUpdate(in update);

        public readonly void OnTrade(in TradeEvent trade) => Books.OnTrade(in trade);

        public readonly void OnTicker(in TickerEvent ticker) => Books.OnTicker();

        public void OnBookState(InstrumentId instrument, BookSyncState state, ResyncReason reason)
        {
            Books.OnBookState(instrument, state);
            if (instrument != BinanceId)
            {
                return;
            }

            if (BinanceInSync && state != BookSyncState.InSync)
            {
                BinanceResyncs++;
            }

            BinanceInSync = state == BookSyncState.InSync;
        }
    }
}
