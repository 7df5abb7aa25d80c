using Velox.PeerBench.Corpus;
using Velox.PeerBench.Peers;
using Velox.PeerBench.Replay;
using Velox.PeerBench.Report;
using Velox.Testing;

namespace Velox.PeerBench.Tests;

public class CcxtComparisonTests
{
    [Test]
    public void VeloxAndCcxt_VerifyEveryChecksum_EndWithTheSameBooks_AndVeloxIsFaster()
    {
        var ccxt = NodeProcess.TryFindPeer(SharedData.RepositoryRoot, "ccxt", out var reason);
        if (ccxt is null)
        {
            Assert.Inconclusive($"ccxt peer not installed: {reason}");
        }

        var corpus = SimulatedCorpus.Generate("sim-cs-test", 30_000);
        var workDir = Directory.CreateTempSubdirectory("velox-peerbench-test-").FullName;
        try
        {
            var velox = VeloxReplay.Run(corpus, TimeSpan.FromSeconds(1.5));
            var peer = CcxtPeer.Run(ccxt!, corpus, workDir, TimeSpan.FromSeconds(1), warmupFrames: 10_000);
            var comparison = new Comparison("ccxt/sim-cs", "test", velox, peer);
            TestContext.Out.WriteLine($"velox {velox.FramesPerSecond:N0} frames/s, ccxt {peer.FramesPerSecond:N0} frames/s, ratio {comparison.Ratio:N1} (floor {PeerGates.VeloxOverCcxtReplayMin}); load {MachineFacts.ReadLoadAverage()}");

            Assert.Multiple(() =>
            {
                Assert.That(peer.Frames, Is.GreaterThanOrEqualTo(corpus.Count));
                Assert.That(peer.ChecksumsVerified, Is.GreaterThan(1_000));
                Assert.That(peer.ChecksumMismatches, Is.Zero);
                Assert.That(velox.ChecksumMismatches, Is.Zero);
                Assert.That(comparison.TopsMatch, Is.True, "both pipelines end with the same best bid and ask");
                Assert.That(RatioGate.Check(comparison, PeerGates.VeloxOverCcxtReplayMin, "veloxOverCcxtReplayMin"), Is.Null);
            });
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }
}
