using System.Text;
using Velox.Archive.Tests.Support;
using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Topology;
using Velox.MarketData.Capture;
using Velox.MarketData.Streams;
using Velox.Testing;
using Velox.Venues.Bitfinex.Replay;

namespace Velox.Archive.Tests.Export;

public class ArchiveExportTests
{
    private const int Stream = 31;

    [Test]
    public void Exported_capture_replays_with_the_same_counts_and_books_as_the_original()
    {
        var capture = RequireShared.File("bitfinex/cryptofeed_BITFINEX.ws.11.0");
        var (messages, receiveTimes) = InboundFrames(capture);
        using var fixture = new ArchiveFixture();
        var recording = fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength);
        var outPath = Path.Combine(fixture.Root, "export.txt");

        var output = new StringWriter();
        var code = ArchiveCommand.Run(["export", "--recording", $"{recording.RecordingId}", "--dir", fixture.ArchivePath, "--out", outPath], output, output);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
        var original = BitfinexReplayCheck.Run(capture).ToReplayCheckReport("x");
        var exported = BitfinexReplayCheck.Run(outPath).ToReplayCheckReport("x");
        Assert.Multiple(() =>
        {
            Assert.That(exported.Frames, Is.EqualTo(original.Frames).And.EqualTo(messages.Count));
            Assert.That(exported.Gaps, Is.EqualTo(original.Gaps));
            Assert.That(exported.ChecksumsVerified, Is.EqualTo(original.ChecksumsVerified));
            Assert.That(exported.ChecksumMismatches, Is.EqualTo(original.ChecksumMismatches));
            Assert.That(exported.Errors, Is.EqualTo(original.Errors));
            Assert.That(exported.UnknownChannelFrames, Is.EqualTo(original.UnknownChannelFrames));
            Assert.That(exported.Counters.Where(c => c.Key != "outbound_records"), Is.EqualTo(original.Counters.Where(c => c.Key != "outbound_records")));
            Assert.That(exported.Books, Is.EqualTo(original.Books));
        });

        using var reader = CaptureReader.Open(outPath);
        var index = 0;
        while (reader.TryRead(out var record))
        {
            Assert.That(record.TimestampNanos, Is.EqualTo(recording.StartTimeNanos + receiveTimes[index] - receiveTimes[0]), $"line {index}");
            index++;
        }
    }

    [Test]
    public void Archive_replay_check_prints_the_replay_check_report_of_the_exported_capture()
    {
        var (messages, _) = InboundFrames(RequireShared.File("bitfinex/cryptofeed_BITFINEX.ws.11.0"));
        using var fixture = new ArchiveFixture();
        var recording = fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength);
        var outPath = Path.Combine(fixture.Root, "export.txt");
        var id = $"{recording.RecordingId}";
        Assert.That(ArchiveCommand.Run(["export", "--recording", id, "--dir", fixture.ArchivePath, "--out", outPath], TextWriter.Null, TextWriter.Null), Is.EqualTo(ExitCodes.Ok));

        var output = new StringWriter();
        var error = new StringWriter();
        var code = ArchiveCommand.Run(["replay", "--recording", id, "--check", "bitfinex", "--dir", fixture.ArchivePath], output, error);

        TestContext.Out.WriteLine(output.ToString());
        var expected = new StringWriter();
        var source = $"archive {fixture.ArchivePath} recording {id}";
        var report = BitfinexReplayCheck.Run(outPath).ToReplayCheckReport(source);
        report.WriteText(expected);
        Assert.That(code, Is.EqualTo(report.HasFindings ? ExitCodes.Findings : ExitCodes.Ok), error.ToString());
        Assert.That(report.Frames, Is.EqualTo(messages.Count));

        // The recording marks its connection start, which the session counts; the export has no connect line.
        Assert.That(output.ToString(), Is.EqualTo(expected.ToString().Replace("connections 0", "connections 1", StringComparison.Ordinal)));
    }

    [Test]
    public void Binary_frames_are_python_bytes_literals_that_decode_to_the_recorded_bytes()
    {
        byte[] binary = [0x1f, 0x8b, 0x08, 0x00, (byte)'\'', (byte)'\\', (byte)'\n', 0x7f, (byte)'a'];
        var messages = new List<byte[]>
        {
            Raw(1_000, RawFrameHeader.BinaryFlag | RawFrameHeader.ConnectionStartFlag, binary),
            Raw(1_500_000_250, 0, "[1,\"hb\"]"u8.ToArray()),
        };
        using var fixture = new ArchiveFixture();
        var recording = fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength);
        var outPath = Path.Combine(fixture.Root, "export.txt");

        var code = ArchiveCommand.Run(["export", "--recording", $"{recording.RecordingId}", "--dir", fixture.ArchivePath, "--out", outPath], TextWriter.Null, TextWriter.Null);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        var lines = File.ReadAllLines(outPath, Encoding.Latin1);
        var start = recording.StartTimeNanos;
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Is.EqualTo($"{start / 1_000_000_000}.{start % 1_000_000_000:D9}: b'\\x1f\\x8b\\x08\\x00\\'\\\\\\n\\x7fa'"));
        var second = start + 1_500_000_250 - 1_000;
        Assert.That(lines[1], Is.EqualTo($"{second / 1_000_000_000}.{second % 1_000_000_000:D9}: [1,\"hb\"]"));

        using var reader = CaptureReader.Open(outPath);
        Assert.That(reader.TryRead(out var record), Is.True);
        var buffer = Array.Empty<byte>();
        Assert.That(CaptureBinaryFrames.TryGetFrame(in record, ref buffer, out var frame), Is.True);
        Assert.That(frame.ToArray(), Is.EqualTo(binary));
    }

    [Test]
    public void Truncated_recording_exports_the_valid_frames_and_exits_1()
    {
        var messages = new List<byte[]>();
        for (var i = 0; i < 400; i++)
        {
            messages.Add(Raw(i * 1_000L, 0, Encoding.ASCII.GetBytes($"[{i},\"hb\",{i + 1}]")));
        }

        using var fixture = new ArchiveFixture();
        var recording = fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength);
        var segment = Velox.Archive.Segments.SegmentFiles.Find(fixture.ArchivePath, recording.RecordingId)[0];
        using (var file = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(5_000);
        }

        var outPath = Path.Combine(fixture.Root, "export.txt");
        var error = new StringWriter();
        var code = ArchiveCommand.Run(["export", "--recording", $"{recording.RecordingId}", "--dir", fixture.ArchivePath, "--out", outPath], TextWriter.Null, error);

        TestContext.Out.WriteLine(error.ToString());
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(error.ToString(), Does.Contain("truncated").And.Contain(segment));
        var lines = File.ReadAllLines(outPath);
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Length, Is.LessThan(messages.Count));
        Assert.That(error.ToString(), Does.Contain($"holds the {lines.Length} frames"));
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.That(lines[i], Does.EndWith($": [{i},\"hb\",{i + 1}]"));
        }
    }

    private static (List<byte[]> Messages, List<long> ReceiveTimes) InboundFrames(string capture)
    {
        var messages = new List<byte[]>();
        var times = new List<long>();
        using var reader = CaptureReader.Open(capture);
        while (reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Inbound)
            {
                messages.Add(Raw(record.TimestampNanos, messages.Count == 0 ? RawFrameHeader.ConnectionStartFlag : (ushort)0, record.Frame.ToArray()));
                times.Add(record.TimestampNanos);
            }
        }

        return (messages, times);
    }

    private static byte[] Raw(long receiveNanos, int flags, byte[] frame)
    {
        var message = new byte[RawFrameHeader.Length + frame.Length];
        RawFrameHeader.Write(message, receiveNanos, connectionId: 1, TopologyStreams.BitfinexVenueId, (ushort)flags);
        frame.CopyTo(message, RawFrameHeader.Length);
        return message;
    }
}
