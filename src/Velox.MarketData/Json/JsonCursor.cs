using System.Runtime.CompilerServices;

namespace Velox.MarketData.Json;

/// <summary>
/// Forward-only, allocation-free reader over compact venue JSON (objects, arrays, strings, numbers,
/// literals). It hands out raw token spans and never decodes: strings come back without their quotes
/// and with escapes untouched, which is what venue symbols, sides and quoted decimals need.
/// Every operation is a Try: malformed or truncated input returns false and never throws.
/// </summary>
public ref struct JsonCursor
{
    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    public JsonCursor(ReadOnlySpan<byte> text)
    {
        _text = text;
        _pos = 0;
    }

    /// <summary>Offset of the next unread byte.</summary>
    public readonly int Position => _pos;

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _pos >= _text.Length;
        }
    }

    /// <summary>Next non-whitespace byte, or 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        SkipWhitespace();
        return _pos < _text.Length ? _text[_pos] : (byte)0;
    }

    /// <summary>Consumes <paramref name="expected"/> after optional whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryConsume(byte expected)
    {
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == expected)
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>"name":</c> and returns the name without quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadPropertyName(out ReadOnlySpan<byte> name) => TryReadString(out name) && TryConsume((byte)':');

    /// <summary>Reads a string; the token excludes the quotes and keeps escapes as written.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryConsume((byte)'"'))
        {
            return false;
        }

        var start = _pos;
        if (!SkipStringBody())
        {
            return false;
        }

        value = _text[start..(_pos - 1)];
        return true;
    }

    /// <summary>Reads a bare number token (sign, digits, dot, exponent) without interpreting it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNumberToken(out ReadOnlySpan<byte> token)
    {
        SkipWhitespace();
        var start = _pos;
        while (_pos < _text.Length && IsNumberByte(_text[_pos]))
        {
            _pos++;
        }

        token = _text[start.._pos];
        return _pos > start;
    }

    /// <summary>Reads an integer number (no fraction or exponent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        value = 0;
        return TryReadNumberToken(out var token) && TryParseInt64(token, out value);
    }

    /// <summary>Reads a number or a quoted number (venues quote decimals to keep them exact); the token has no quotes.</summary>
    public bool TryReadDecimalToken(out ReadOnlySpan<byte> token) =>
        Peek() == (byte)'"' ? TryReadString(out token) : TryReadNumberToken(out token);

    /// <summary>Reads one value of any kind and returns its raw text (brackets or quotes included).</summary>
    public bool TryReadRawValue(out ReadOnlySpan<byte> value)
    {
        value = default;
        var start = _pos + CountWhitespace();
        if (!TrySkipValue())
        {
            return false;
        }

        value = _text[start.._pos];
        return true;
    }

    /// <summary>Skips one value of any kind (number, string, literal, array, object).</summary>
    public bool TrySkipValue()
    {
        var c = Peek();
        if (c == (byte)'[' || c == (byte)'{')
        {
            return TryMatchBrackets();
        }

        if (c == (byte)'"')
        {
            return TryReadString(out _);
        }

        var start = _pos;
        while (_pos < _text.Length && (IsNumberByte(_text[_pos]) || (uint)((_text[_pos] | 0x20) - 'a') < 26))
        {
            _pos++;
        }

        return _pos > start;
    }

    /// <summary>Parses a JSON integer token of at most 18 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInt64(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (token.Length > 0 && token[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        if (i == token.Length || token.Length - i > 18)
        {
            return false;
        }

        long v = 0;
        for (; i < token.Length; i++)
        {
            var d = (uint)(token[i] - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = negative ? -v : v;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNumberByte(byte c) =>
        (uint)(c - '0') <= 9 || c == (byte)'-' || c == (byte)'.' || c == (byte)'e' || c == (byte)'E' || c == (byte)'+';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] <= (byte)' ')
        {
            _pos++;
        }
    }

    private readonly int CountWhitespace()
    {
        var n = 0;
        while (_pos + n < _text.Length && _text[_pos + n] <= (byte)' ')
        {
            n++;
        }

        return n;
    }

    private bool SkipStringBody()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == (byte)'"')
            {
                _pos++;
                return true;
            }

            _pos += c == (byte)'\\' ? 2 : 1;
        }

        return false;
    }

    private bool TryMatchBrackets()
    {
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == (byte)'[' || c == (byte)'{')
            {
                depth++;
            }
            else if (c == (byte)']' || c == (byte)'}')
            {
                if (--depth == 0)
                {
                    return true;
                }
            }
            else if (c == (byte)'"' && !SkipStringBody())
            {
                return false;
            }
        }

        return false;
    }
}
