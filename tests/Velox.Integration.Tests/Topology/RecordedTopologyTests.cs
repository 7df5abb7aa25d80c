using System.Text.Json;
using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Commands;
using Velox.Host.Topology;
using Velox.Integration.Tests.Commands;

namespace Velox.Integration.Tests.Topology;

/// <summary>
/// The archiver as a third process: what md received over the socket is recorded from the IPC raw-frames
/// stream, exported back to a capture file, and that capture replay-checks clean through the same parser.
/// </summary>
[NonParallelizable]
public class RecordedTopologyTests
{
    [Test]
    public void Raw_frames_recorded_in_the_multi_topology_export_to_a_capture_that_replay_checks_clean()
    {
        var executable = new VeloxExecutable(VeloxBinary.Require(), []);
        var archive = Path.Combine(Path.GetTempPath(), $"velox-topology-archive-{Guid.NewGuid():N}");
        var capture = Path.Combine(Path.GetTempPath(), $"velox-topology-capture-{Guid.NewGuid():N}.txt");
        try
        {
            using var shutdown = new ShutdownSignal();
            shutdown.StopAfter(TimeSpan.FromSeconds(5));
            using var output = new StringWriter();
            var code = TopologyLauncher.Execute(
                new RunOptions { EventsPerSecond = 5_000, RecordDirectory = archive }, shutdown, output, executable);
            var text = output.ToString();
            Assert.That(code, Is.EqualTo(ExitCodes.Ok), text);
            Assert.That(text, Does.Match(@"archiver pid \d+"), "the archiver child was started");

            using var exportOutput = new StringWriter();
            using var exportError = new StringWriter();
            var exported = ArchiveExportCommand.Run(["--recording", "0", "--dir", archive, "--out", capture], exportOutput, exportError);
            Assert.That(exported, Is.EqualTo(ExitCodes.Ok), exportError.ToString() + exportOutput);

            using var checkOutput = new StringWriter();
            using var checkError = new StringWriter();
            var checkedCode = ReplayCheckCommand.Run(["--venue", "bitfinex", capture, "--json"], checkOutput, checkError);
            Assert.That(checkedCode, Is.EqualTo(ExitCodes.Ok), checkError.ToString() + checkOutput);
            using var json = JsonDocument.Parse(checkOutput.ToString());
            var root = json.RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(root.GetProperty("frames").GetInt64(), Is.GreaterThan(1000));
                Assert.That(root.GetProperty("checksums_verified").GetInt64(), Is.GreaterThan(100));
                Assert.That(root.GetProperty("checksum_mismatches").GetInt64(), Is.Zero);
                Assert.That(root.GetProperty("gaps").GetInt64(), Is.Zero);
                Assert.That(root.GetProperty("errors").GetInt64(), Is.Zero);
                Assert.That(root.GetProperty("books").GetArrayLength(), Is.EqualTo(3));
            });
        }
        finally
        {
            if (Directory.Exists(archive))
            {
                Directory.Delete(archive, recursive: true);
            }

            File.Delete(capture);
        }
    }
}
