using Velox.Core.Numerics;

namespace Velox.Simulator.Bitfinex;

/// <summary>
/// Builds one outbound text frame in a reusable buffer: ASCII tokens, integers and fixed-point
/// numbers in JavaScript's Number#toString text. Nothing allocates unless a frame outgrows the buffer.
/// </summary>
public sealed class FrameWriter
{
    private byte[] _buffer;

    /// <summary>Creates a writer with <paramref name="initialCapacity"/> bytes.</summary>
    public FrameWriter(int initialCapacity = 64 * 1024) => _buffer = new byte[initialCapacity];

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public int Length { get; private set; }

    /// <summary>The frame written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Starts a new frame.</summary>
    public void Reset() => Length = 0;

    /// <summary>Drops the last <paramref name="count"/> bytes (used to produce malformed frames).</summary>
    public void Truncate(int count) => Length = Math.Max(0, Length - count);

    /// <summary>Appends one byte.</summary>
    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    /// <summary>Appends ASCII/UTF-8 bytes as they are.</summary>
    public void Raw(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(Length));
        Length += utf8.Length;
    }

    /// <summary>Appends a JSON string (the text must need no escaping: symbols, channel names).</summary>
    public void Quoted(ReadOnlySpan<char> ascii)
    {
        Ensure(ascii.Length + 2);
        _buffer[Length++] = (byte)'"';
        foreach (var c in ascii)
        {
            _buffer[Length++] = (byte)c;
        }

        _buffer[Length++] = (byte)'"';
    }

    /// <summary>Appends an integer.</summary>
    public void Integer(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>Appends raw/10^scale as JavaScript prints the number.</summary>
    public void Number(long raw, int scale)
    {
        Ensure(JsNumberFormat.MaxLength);
        JsNumberFormat.TryFormat(raw, scale, _buffer.AsSpan(Length), out var written);
        Length += written;
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Grow(extra);
        }
    }

    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
}
