using Velox.PeerBench.Loopback;
using Velox.PeerBench.Report;

namespace Velox.PeerBench.Tests;

public class LoopbackComparisonTests
{
    // About a second of the naive pipeline on a loaded 2-core machine; Velox takes a fraction of that.
    private const int Frames = 30_000;
    private const int ShortRun = 5_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public void VeloxAndNaivePipelines_ReadTheSameSimulatorStream_BuildTheSameBook_AndVeloxIsFaster()
    {
        // Warm-up runs so the timed ones do not measure the JIT.
        VeloxLoopbackClient.Run(LoopbackSource.Simulator, 2_000, Timeout);
        NaiveLoopbackClient.Run(LoopbackSource.Simulator, 2_000, Timeout);

        var comparison = PeerBenchCommand.RunLoopback(LoopbackSource.Simulator, Frames, Timeout);
        var velox = comparison.Velox!;
        var naive = comparison.Peer!;
        TestContext.Out.WriteLine($"velox {velox.FramesPerSecond:N0} frames/s {velox.AllocatedBytesPerFrame:N1} B/frame; naive {naive.FramesPerSecond:N0} frames/s {naive.AllocatedBytesPerFrame:N1} B/frame; ratio {comparison.Ratio:N2} (floor {PeerGates.VeloxOverNaiveDotnetLoopbackMin}); load {MachineFacts.ReadLoadAverage()}");

        Assert.Multiple(() =>
        {
            Assert.That(velox.Frames, Is.EqualTo(Frames));
            Assert.That(naive.Frames, Is.EqualTo(Frames));
            Assert.That(velox.ChecksumsVerified, Is.GreaterThan(1_000));
            Assert.That(velox.ChecksumMismatches, Is.Zero);

            // The naive book prints decimals, not JS number text, so an amount below 1e-6 (5.6e-7) fails its
            // checksum; it must still have checked every cs frame Velox verified.
            Assert.That(naive.ChecksumsVerified + naive.ChecksumMismatches, Is.EqualTo(velox.ChecksumsVerified));
            Assert.That(velox.Errors + naive.Errors, Is.Zero);
            Assert.That(velox.Tops, Has.Count.EqualTo(1));
            Assert.That(naive.Tops, Is.EqualTo(velox.Tops), "both pipelines built the same book from the same frames");
            Assert.That(velox.Tops[0].Bid, Is.Not.Null);
            Assert.That(velox.Tops[0].Ask, Is.Not.Null);
            Assert.That(RatioGate.Check(comparison, PeerGates.VeloxOverNaiveDotnetLoopbackMin, "veloxOverNaiveDotnetLoopbackMin"), Is.Null);
        });
    }

    [Test]
    public void BlastSource_ServesTheSameStreamAsTheLiveSimulator()
    {
        var live = VeloxLoopbackClient.Run(LoopbackSource.Simulator, ShortRun, Timeout);
        var blast = VeloxLoopbackClient.Run(LoopbackSource.Blast, ShortRun, Timeout, LoopbackServer.EncodeStream(ShortRun));

        Assert.That(blast.Frames, Is.EqualTo(ShortRun));
        Assert.That(blast.ChecksumsVerified, Is.EqualTo(live.ChecksumsVerified));
        Assert.That(blast.Tops, Is.EqualTo(live.Tops));
    }
}
