using System.Runtime.CompilerServices;

namespace Velox.MarketData.Json;

/// <summary>
/// Forward-only, allocation-free reader over compact JSON as venues send it (objects of short keys,
/// string-quoted decimals, arrays of levels). Strings are returned raw (escapes are not decoded: keys,
/// symbols and decimals never carry any). Every operation is a Try: malformed or truncated input
/// returns false and never throws.
/// </summary>
public ref struct JsonSpanReader
{
    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    public JsonSpanReader(ReadOnlySpan<byte> text)
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

    /// <summary>Reads <c>"name":</c> of an object member.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadPropertyName(out ReadOnlySpan<byte> name) => TryReadString(out name) && TryConsume((byte)':');

    /// <summary>Reads a string; the value excludes the quotes and is not unescaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryConsume((byte)'"'))
        {
            return false;
        }

        var rest = _text[_pos..];
        var end = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (end >= 0 && rest[end] == (byte)'"')
        {
            value = rest[..end];
            _pos += end + 1;
            return true;
        }

        return TryReadEscapedString(out value);
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

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool TryReadBoolean(out bool value)
    {
        SkipWhitespace();
        var rest = _text[_pos..];
        if (rest.StartsWith("true"u8))
        {
            _pos += 4;
            value = true;
            return true;
        }

        if (rest.StartsWith("false"u8))
        {
            _pos += 5;
            value = false;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Reads a whole array or object (brackets included) by matching brackets; strings are skipped correctly.</summary>
    public bool TryReadContainer(out ReadOnlySpan<byte> container)
    {
        container = default;
        var c = Peek();
        if (c != (byte)'[' && c != (byte)'{')
        {
            return false;
        }

        var start = _pos;
        if (!TryMatchBrackets())
        {
            return false;
        }

        container = _text[start.._pos];
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

    /// <summary>Parses a JSON integer token into a long, refusing overflow.</summary>
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

        if (i == token.Length || token.Length - i > 19)
        {
            return false;
        }

        ulong v = 0;
        for (; i < token.Length; i++)
        {
            var d = (uint)(token[i] - '0');
            if (d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        // 19 digits may exceed long: 9,223,372,036,854,775,807 is the largest accepted magnitude.
        if (v > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)v : (long)v;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadEscapedString(out ReadOnlySpan<byte> value)
    {
        var start = _pos;
        if (!SkipStringBody())
        {
            _pos = start;
            value = default;
            return false;
        }

        value = _text[start..(_pos - 1)];
        return true;
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
