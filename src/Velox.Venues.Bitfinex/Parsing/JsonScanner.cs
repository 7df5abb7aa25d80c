using System.Runtime.CompilerServices;

namespace Velox.Venues.Bitfinex.Parsing;

/// <summary>
/// Forward-only, allocation-free scanner over compact JSON arrays of numbers as Bitfinex sends them.
/// Every operation is a Try: malformed or truncated input returns false and never throws.
/// </summary>
public ref struct JsonScanner
{
    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    public JsonScanner(ReadOnlySpan<byte> text)
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

    /// <summary>Reads an integer (no fraction or exponent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        value = 0;
        return TryReadNumberToken(out var token) && TryParseInt64(token, out value);
    }

    /// <summary>Reads a string without escapes; the token excludes the quotes.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryConsume((byte)'"'))
        {
            return false;
        }

        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == (byte)'"')
            {
                value = _text[start.._pos];
                _pos++;
                return true;
            }

            _pos += c == (byte)'\\' ? 2 : 1;
        }

        return false;
    }

    /// <summary>Reads a whole array (brackets included) by matching brackets; strings are skipped correctly.</summary>
    public bool TryReadArray(out ReadOnlySpan<byte> array)
    {
        array = default;
        if (Peek() != (byte)'[')
        {
            return false;
        }

        var start = _pos;
        if (!TryMatchBrackets())
        {
            return false;
        }

        array = _text[start.._pos];
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

    /// <summary>Parses a JSON integer token.</summary>
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
