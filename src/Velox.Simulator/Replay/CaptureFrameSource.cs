using Velox.MarketData.Capture;

namespace Velox.Simulator.Replay;

/// <summary>
/// The venue→client frames of any shared capture format (cryptofeed v1/v3, hftbacktest, Marfusios
/// ";;" dumps, one frame per line; gzip or plain), read with the MarketData capture reader.
/// Recorder-sent frames, connect markers, REST bodies and metadata are skipped.
/// </summary>
public sealed class CaptureFrameSource : ICapturedFrameSource, IDisposable
{
    private readonly CaptureReader _reader;

    /// <summary>Reads from <paramref name="reader"/>, which the source then owns.</summary>
    public CaptureFrameSource(CaptureReader reader) => _reader = reader;

    /// <summary>Opens a capture file (format detected, ".gz" decompressed).</summary>
    public static CaptureFrameSource Open(string path) => new(CaptureReader.Open(path));

    /// <inheritdoc/>
    public bool TryRead(out CapturedFrame frame)
    {
        while (_reader.TryRead(out var record))
        {
            if (record.Direction == CaptureDirection.Inbound)
            {
                frame = new CapturedFrame(record.TimestampNanos, record.Frame);
                return true;
            }
        }

        frame = default;
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();
}
