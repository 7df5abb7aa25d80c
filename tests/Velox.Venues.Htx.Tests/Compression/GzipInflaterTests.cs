using System.IO.Compression;
using Velox.Venues.Htx.Compression;

namespace Velox.Venues.Htx.Tests.Compression;

public sealed class GzipInflaterTests
{
    [Test]
    public void EveryRecordedFrameInflatesToWhatGZipStreamProduces()
    {
        var inflater = new GzipInflater();
        var frames = RecordedFrames.Load();
        Assert.That(frames, Has.Count.EqualTo(362));
        foreach (var frame in frames)
        {
            Assert.That(inflater.TryInflate(frame, out var output), Is.EqualTo(InflateStatus.Ok));
            Assert.That(output.ToArray(), Is.EqualTo(RecordedFrames.Gunzip(frame)));
        }
    }

    [TestCase(CompressionLevel.NoCompression)]
    [TestCase(CompressionLevel.Fastest)]
    [TestCase(CompressionLevel.SmallestSize)]
    public void RoundTripsStoredFixedAndDynamicBlocks(CompressionLevel level)
    {
        var random = new Random(3);
        var inflater = new GzipInflater(1 << 18);
        foreach (var size in new[] { 1, 100, 5000, 70_000, 200_000 })
        {
            var text = new char[size];
            for (var i = 0; i < size; i++)
            {
                text[i] = (char)(i % 7 == 0 ? random.Next(32, 127) : 'a' + (i % 13));
            }

            var json = new string(text);
            Assert.That(inflater.TryInflate(RecordedFrames.Gzip(json, level), out var output), Is.EqualTo(InflateStatus.Ok), $"size {size}");
            Assert.That(System.Text.Encoding.UTF8.GetString(output), Is.EqualTo(json));
        }
    }

    [Test]
    public void CorruptTruncatedOrOversizedInputIsReportedNotThrown()
    {
        var frame = RecordedFrames.Gzip("{\"ping\":1618678073643}");
        var inflater = new GzipInflater(16);

        Assert.That(inflater.TryInflate(frame, out _), Is.EqualTo(InflateStatus.OutputFull));
        inflater = new GzipInflater();
        Assert.That(inflater.TryInflate(frame.AsSpan(0, frame.Length - 3), out _), Is.EqualTo(InflateStatus.Truncated));
        Assert.That(inflater.TryInflate("{\"ping\":1}"u8, out _), Is.EqualTo(InflateStatus.BadHeader));

        var badCrc = (byte[])frame.Clone();
        badCrc[^8] ^= 1;
        Assert.That(inflater.TryInflate(badCrc, out _), Is.EqualTo(InflateStatus.ChecksumMismatch));

        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var copy = (byte[])frame.Clone();
            copy[10 + random.Next(copy.Length - 10)] = (byte)random.Next(256);
            Assert.DoesNotThrow(() => inflater.TryInflate(copy, out _));
        }
    }

    [Test]
    public void InflatingAllocatesNothing()
    {
        var inflater = new GzipInflater();
        var frames = RecordedFrames.Load();
        foreach (var frame in frames)
        {
            inflater.TryInflate(frame, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var frame in frames)
        {
            inflater.TryInflate(frame, out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
