using System.Text;
using Velox.Archive.Tests.Support;
using Velox.Host.Archive;
using Velox.Host.Cli;
using Velox.Host.Topology;
using Velox.MarketData.Capture;
using Velox.MarketData.Replay;
using Velox.MarketData.Streams;

namespace Velox.Archive.Tests.Export;

/// <summary>
/// A raw stream as md writes it with both venues: Bitfinex and Binance frames and a Binance REST snapshot record. Export
/// keeps REST responses out of the frame capture (skipped and counted, or written as a cryptofeed REST capture), and
/// filters by venue; bad options are usage errors.
/// </summary>
public class RestResponseExportTests
{
    private const int Stream = 32;
    private const string Request = "api/v3/depth?symbol=BTCUSDT&limit=1000";
    private const string Body = "{\"lastUpdateId\":7,\"bids\":[[\"60000.00\",\"1.0\"]],\"asks\":[[\"60001.00\",\"2.0\"]]}";
    private const string BitfinexFrame = "[10,\"hb\"]";
    private const string BinanceFrame = "{\"e\":\"depthUpdate\"}";

    private static readonly string[] BothFrames = [BitfinexFrame, BinanceFrame];
    private static readonly string[] BinanceFrames = [BinanceFrame];
    private static readonly string[] BitfinexFirst = ["bitfinex", "binance"];

    [Test]
    public void Rest_responses_are_skipped_and_counted_without_rest_out()
    {
        using var fixture = new ArchiveFixture();
        var id = $"{fixture.Record(Stream, Messages(), 2 * ArchiveFixture.TermLength).RecordingId}";
        var outPath = Path.Combine(fixture.Root, "all.txt");

        var output = new StringWriter();
        Assert.That(ArchiveCommand.Run(["export", "--recording", id, "--dir", fixture.ArchivePath, "--out", outPath], output, output), Is.EqualTo(ExitCodes.Ok), output.ToString());

        Assert.That(output.ToString(), Does.Contain("exported 2 frames").And.Contain("skipped 1 REST snapshots"));
        Assert.That(Frames(outPath), Is.EqualTo(BothFrames));
    }

    [Test]
    public void One_venue_exports_its_frames_and_its_rest_capture_reads_back_as_a_snapshot()
    {
        using var fixture = new ArchiveFixture();
        var recording = fixture.Record(Stream, Messages(), 2 * ArchiveFixture.TermLength);
        var outPath = Path.Combine(fixture.Root, "binance.ws.txt");
        var restPath = Path.Combine(fixture.Root, "binance.http.txt");

        var output = new StringWriter();
        var code = ArchiveCommand.Run(
            ["export", "--recording", $"{recording.RecordingId}", "--dir", fixture.ArchivePath, "--venue", "binance", "--out", outPath, "--rest-out", restPath], output, output);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output.ToString());
        Assert.That(output.ToString(), Does.Contain("exported 1 frames").And.Contain("exported 1 REST snapshots").And.Contain("skipped 1 messages of other venues"));
        Assert.That(Frames(outPath), Is.EqualTo(BinanceFrames));
        var snapshot = RecordedRestSnapshot.Load(restPath, "symbol").Single();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Instrument, Is.EqualTo("BTCUSDT"));
            Assert.That(snapshot.Limit, Is.EqualTo(1000));
            Assert.That(Encoding.UTF8.GetString(snapshot.Body), Is.EqualTo(Body));

            // The Binance frame was received at 2,000 ns, the snapshot applied at 3,000 ns: same clock as the frame capture.
            Assert.That(snapshot.TimestampNanos, Is.EqualTo(recording.StartTimeNanos + 1_000));
        });
        Assert.That(File.ReadAllText(restPath), Does.StartWith($"{CryptofeedExport.RestHost}/{Request} -> "));
    }

    [Test]
    public void A_rest_record_without_its_request_line_stops_export_and_check_after_the_messages_before_it()
    {
        using var fixture = new ArchiveFixture();
        List<byte[]> messages = [.. Messages()[..2], Message(3_000, TopologyStreams.BinanceVenueId, RawFrameHeader.RestResponseFlag, Encoding.ASCII.GetBytes(Body))];
        var id = $"{fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength).RecordingId}";
        var outPath = Path.Combine(fixture.Root, "all.txt");

        var output = new StringWriter();
        var error = new StringWriter();
        var code = ArchiveCommand.Run(["export", "--recording", id, "--dir", fixture.ArchivePath, "--out", outPath], output, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Findings), output.ToString());
        Assert.That(error.ToString(), Does.Contain("message 3 at position").And.Contain("is a REST response without its request line"));
        Assert.That(Frames(outPath), Is.EqualTo(BothFrames), "the frames before the damaged record are exported");

        error.GetStringBuilder().Clear();
        code = ArchiveCommand.Run(["replay", "--recording", id, "--dir", fixture.ArchivePath, "--check", "binance"], TextWriter.Null, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(error.ToString(), Does.Contain("message 3 at position").And.Contain("is a REST response without its request line; the binance report covers the messages before it"));
    }

    [Test]
    public void A_message_shorter_than_the_raw_frame_header_stops_export_and_both_checks()
    {
        using var fixture = new ArchiveFixture();
        List<byte[]> messages = [.. Messages(), [1, 2, 3]];
        var id = $"{fixture.Record(Stream, messages, 2 * ArchiveFixture.TermLength).RecordingId}";
        var outPath = Path.Combine(fixture.Root, "all.txt");
        var tooShort = $"is 3 bytes, shorter than the {RawFrameHeader.Length}-byte raw frame header";

        var error = new StringWriter();
        var code = ArchiveCommand.Run(["export", "--recording", id, "--dir", fixture.ArchivePath, "--out", outPath], TextWriter.Null, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(error.ToString(), Does.Contain("message 4 at position").And.Contain(tooShort));
        Assert.That(Frames(outPath), Is.EqualTo(BothFrames));

        error.GetStringBuilder().Clear();
        code = ArchiveCommand.Run(["replay", "--recording", id, "--dir", fixture.ArchivePath, "--check", "bitfinex,binance"], TextWriter.Null, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Findings));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), error.ToString());
        Assert.That(lines[0], Does.Contain(tooShort).And.Contain("the bitfinex report"));
        Assert.That(lines[1], Does.Contain(tooShort).And.Contain("the binance report"));
    }

    [TestCase("--venue", "okx")]
    [TestCase("--rest-out", "same")]
    public void Bad_export_options_are_usage_errors(string option, string value)
    {
        using var fixture = new ArchiveFixture();
        var outPath = Path.Combine(fixture.Root, "same");
        var error = new StringWriter();
        var code = ArchiveCommand.Run(["export", "--recording", "0", "--dir", fixture.ArchivePath, "--out", outPath, option, value == "same" ? outPath : value], TextWriter.Null, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain(option));
    }

    [TestCase("okx")]
    [TestCase("bitfinex,bitfinex")]
    [TestCase("")]
    public void An_unknown_check_venue_is_a_usage_error(string venues)
    {
        using var fixture = new ArchiveFixture();
        var error = new StringWriter();
        var code = ArchiveCommand.Run(["replay", "--recording", "0", "--dir", fixture.ArchivePath, "--check", venues], TextWriter.Null, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("bitfinex, binance or bitfinex,binance"));
    }

    [Test]
    public void Check_venues_are_reported_bitfinex_first()
    {
        Assert.That(RecordingCheck.TryParseVenues("binance, bitfinex", out var venues), Is.True);
        Assert.That(venues, Is.EqualTo(BitfinexFirst));
    }

    private static List<byte[]> Messages() =>
    [
        Message(1_000, TopologyStreams.BitfinexVenueId, RawFrameHeader.ConnectionStartFlag, Encoding.ASCII.GetBytes(BitfinexFrame)),
        Message(2_000, TopologyStreams.BinanceVenueId, RawFrameHeader.ConnectionStartFlag, Encoding.ASCII.GetBytes(BinanceFrame)),
        Message(3_000, TopologyStreams.BinanceVenueId, RawFrameHeader.RestResponseFlag, Encoding.ASCII.GetBytes(Request + "\n" + Body)),
    ];

    private static byte[] Message(long receiveNanos, short venueId, ushort flags, ReadOnlySpan<byte> frame)
    {
        var message = new byte[RawFrameHeader.Length + frame.Length];
        RawFrameHeader.Write(message, receiveNanos, connectionId: 1, venueId, flags);
        frame.CopyTo(message.AsSpan(RawFrameHeader.Length));
        return message;
    }

    private static List<string> Frames(string path)
    {
        var frames = new List<string>();
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            frames.Add(Encoding.UTF8.GetString(record.Frame.Span));
        }

        return frames;
    }
}
