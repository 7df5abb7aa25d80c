using System.IO.Compression;
using System.Text;
using Velox.MarketData.Capture;
using Velox.Testing;

namespace Velox.Venues.Htx.Tests;

/// <summary>The inbound frames of the shared HTX recording (raw gzip bytes) and a gzip helper for hand-built ones.</summary>
internal static class RecordedFrames
{
    public const string Capture = "htx/cryptofeed_HUOBI.ws.44.0";

    public static List<byte[]> Load()
    {
        using var reader = CaptureReader.Open(RequireShared.File(Capture));
        var buffer = new byte[1024];
        var frames = new List<byte[]>();
        while (reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Inbound)
            {
                Assert.That(CaptureBinaryFrames.TryGetFrame(in record, ref buffer, out var frame), Is.True);
                frames.Add(frame.ToArray());
            }
        }

        return frames;
    }

    public static byte[] Gzip(string json, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
