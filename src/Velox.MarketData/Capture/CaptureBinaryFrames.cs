namespace Velox.MarketData.Capture;

/// <summary>
/// The entry point for captures that hold binary frames as Python bytes literals (cryptofeed v1 HTX):
/// turns a record's frame into the bytes the venue sent. Text frames pass through unchanged, so the
/// reader's behaviour for every other capture stays as it is. Cold path (replay).
/// </summary>
public static class CaptureBinaryFrames
{
    /// <summary>
    /// The raw frame of <paramref name="record"/>: decoded into <paramref name="buffer"/> (grown when needed)
    /// when it is a Python bytes literal, else the recorded bytes. False for a malformed literal.
    /// </summary>
    public static bool TryGetFrame(in CaptureRecord record, ref byte[] buffer, out ReadOnlySpan<byte> frame)
    {
        var text = record.Frame.Span;
        if (!PythonBytesLiteral.IsLiteral(text))
        {
            frame = text;
            return true;
        }

        if (buffer.Length < text.Length)
        {
            buffer = new byte[Math.Max(text.Length, buffer.Length * 2)];
        }

        var ok = PythonBytesLiteral.TryDecode(text, buffer, out var written);
        frame = ok ? buffer.AsSpan(0, written) : default;
        return ok;
    }
}
