using System.Text;
using Velox.Core.Numerics;

namespace Velox.Logging.Formatting;

/// <summary>
/// A reusable UTF-8 buffer that one JSON line is built in. Appending numbers, fixed-point decimals and times
/// does not allocate; the buffer grows (cold) only for a line longer than any before it.
/// </summary>
internal sealed class Utf8Line
{
    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerDay = 86_400 * NanosPerSecond;

    private byte[] _buffer;
    private int _length;

    public Utf8Line(int capacity) => _buffer = new byte[Math.Max(capacity, 64)];

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public int Length => _length;

    public void Clear() => _length = 0;

    public void Append(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void AppendLong(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>raw / 10^scale as exact decimal text without exponent or trailing zeros (0.00000123, 61837.5, -3).</summary>
    public void AppendDecimal(long raw, int scale)
    {
        Ensure(21 + FixedPoint.MaxScale);
        FixedPoint.TryFormat(raw, scale, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    public void AppendBool(bool value) => Append(value ? "true"u8 : "false"u8);

    /// <summary>Unix-epoch nanoseconds as a quoted ISO-8601 UTC time with microseconds: "2026-11-21T10:57:39.123456Z".</summary>
    public void AppendIsoTime(long epochNanos)
    {
        var days = Math.DivRem(epochNanos, NanosPerDay, out var ofDay);
        if (ofDay < 0)
        {
            days--;
            ofDay += NanosPerDay;
        }

        CivilFromDays(days, out var year, out var month, out var day);
        var seconds = ofDay / NanosPerSecond;
        var micros = (ofDay % NanosPerSecond) / 1_000;
        Ensure(40);
        Append((byte)'"');
        if (year is >= 0 and <= 9999)
        {
            Digits(year, 4);
        }
        else
        {
            AppendLong(year);
        }

        Append((byte)'-');
        Digits(month, 2);
        Append((byte)'-');
        Digits(day, 2);
        Append((byte)'T');
        Digits(seconds / 3600, 2);
        Append((byte)':');
        Digits(seconds / 60 % 60, 2);
        Append((byte)':');
        Digits(seconds % 60, 2);
        Append((byte)'.');
        Digits(micros, 6);
        Append("Z\""u8);
    }

    /// <summary>A string as a quoted JSON string (cold: encodes through a temporary when it is long).</summary>
    public void AppendQuoted(string value)
    {
        var max = JsonText.MaxEscapedLength(value);
        Ensure(max);
        var maxUtf8 = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> utf8 = maxUtf8 <= 512 ? stackalloc byte[512] : new byte[maxUtf8];
        var count = Encoding.UTF8.GetBytes(value, utf8);
        _buffer[_length++] = (byte)'"';
        _length += JsonText.Escape(utf8[..count], _buffer.AsSpan(_length));
        _buffer[_length++] = (byte)'"';
    }

    private void Digits(long value, int width)
    {
        Ensure(width);
        for (var i = width - 1; i >= 0; i--)
        {
            _buffer[_length + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length += width;
    }

    /// <summary>Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).</summary>
    private static void CivilFromDays(long days, out long year, out long month, out long day)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        day = dayOfYear - (((153 * mp) + 2) / 5) + 1;
        month = mp < 10 ? mp + 3 : mp - 9;
        year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
