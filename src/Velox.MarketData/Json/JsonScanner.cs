using System.Runtime.CompilerServices;

namespace Velox.MarketData.Json;

/// <summary>
/// Forward-only, allocation-free scanner over compact JSON as venues send it (objects, arrays, strings,
/// bare or quoted numbers, literals). It hands out raw token spans and never decodes: strings come back
/// without their quotes and with escapes untouched, which is what venue keys, symbols and quoted
/// decimals need. Every operation is a Try: malformed or truncated input returns false and never throws.
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

    /// <summary>
    /// After '{' was consumed: moves to the value of the next member and returns its name.
    /// <paramref name="index"/> counts the members read so far (start at 0).
    /// </summary>
    public JsonStep NextProperty(ref int index, out ReadOnlySpan<byte> name)
    {
        name = default;
        var step = Next(ref index, (byte)'}');
        if (step != JsonStep.Item)
        {
            return step;
        }

        return TryReadPropertyName(out name) ? JsonStep.Item : JsonStep.Malformed;
    }

    /// <summary>
    /// After '[' was consumed: moves to the next element. <paramref name="index"/> counts the elements
    /// read so far (start at 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public JsonStep NextElement(ref int index) => Next(ref index, (byte)']');

    /// <summary>Reads <c>"name":</c> of an object member; the name excludes the quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadPropertyName(out ReadOnlySpan<byte> name) => TryReadString(out name) && TryConsume((byte)':');

    /// <summary>Reads a string; the value excludes the quotes and keeps escapes as written.</summary>
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

    /// <summary>
    /// Reads a number written bare or as a string ("30218.8", as venues quote decimals to keep them
    /// exact); the token excludes the quotes and is empty for <c>""</c>, which number parsers refuse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNumberText(out ReadOnlySpan<byte> token) =>
        Peek() == (byte)'"' ? TryReadString(out token) : TryReadNumberToken(out token);

    /// <summary>Reads a bare integer (no quotes, fraction or exponent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        value = 0;
        return TryReadNumberToken(out var token) && TryParseInt64(token, out value);
    }

    /// <summary>Reads an integer written bare or as a string (no fraction or exponent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64Text(out long value)
    {
        value = 0;
        return TryReadNumberText(out var token) && TryParseInt64(token, out value);
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

    /// <summary>Reads a whole array (brackets included) by matching brackets; strings are skipped correctly.</summary>
    public bool TryReadArray(out ReadOnlySpan<byte> array)
    {
        array = default;
        return Peek() == (byte)'[' && TryReadBracketed(out array);
    }

    /// <summary>Reads a whole array or object (brackets included) by matching brackets; strings are skipped correctly.</summary>
    public bool TryReadComposite(out ReadOnlySpan<byte> value)
    {
        value = default;
        var c = Peek();
        return (c == (byte)'[' || c == (byte)'{') && TryReadBracketed(out value);
    }

    /// <summary>Reads one value of any kind and returns its raw text (brackets or quotes included).</summary>
    public bool TryReadRawValue(out ReadOnlySpan<byte> value)
    {
        value = default;
        SkipWhitespace();
        var start = _pos;
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
    private JsonStep Next(ref int index, byte close)
    {
        if (TryConsume(close))
        {
            return JsonStep.End;
        }

        if (index++ > 0 && !TryConsume((byte)','))
        {
            return JsonStep.Malformed;
        }

        return Peek() != 0 ? JsonStep.Item : JsonStep.Malformed;
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

    private bool TryReadBracketed(out ReadOnlySpan<byte> value)
    {
        var start = _pos;
        if (!TryMatchBrackets())
        {
            value = default;
            return false;
        }

        value = _text[start.._pos];
        return true;
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
