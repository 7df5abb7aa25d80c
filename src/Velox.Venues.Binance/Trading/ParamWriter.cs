using System.Buffers.Text;
using Velox.Core.Numerics;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Writes request parameters either as a query string (<c>a=1&amp;b=x</c>, the signature payload and the REST
/// body) or as JSON object members (<c>"a":1,"b":"x"</c>, the WebSocket API params), so one parameter list
/// produces both forms. Values are venue tokens (symbols, enums, ids, hex): no escaping. Remembers overflow;
/// check once with <see cref="Finish"/>.
/// </summary>
internal ref struct ParamWriter
{
    private readonly Span<byte> _destination;
    private readonly bool _json;
    private int _pos;
    private bool _overflow;
    private bool _any;

    public ParamWriter(Span<byte> destination, bool json)
    {
        _destination = destination;
        _json = json;
    }

    public readonly int Length => _pos;

    /// <summary>A string parameter: <c>name=value</c> or <c>"name":"value"</c>.</summary>
    public void Text(scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> value)
    {
        Name(name);
        Quote();
        Raw(value);
        Quote();
    }

    /// <summary>An integer parameter: <c>name=123</c> or <c>"name":123</c>.</summary>
    public void Number(scoped ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        if (!_overflow && Utf8Formatter.TryFormat(value, _destination[_pos..], out var n))
        {
            _pos += n;
        }
        else
        {
            _overflow = true;
        }
    }

    /// <summary>An exact decimal parameter (raw / 10^scale, no exponent, no trailing zeros), quoted in JSON.</summary>
    public void Decimal(scoped ReadOnlySpan<byte> name, long raw, int scale)
    {
        Name(name);
        Quote();
        if (!_overflow && FixedPoint.TryFormat(raw, scale, _destination[_pos..], out var n))
        {
            _pos += n;
        }
        else
        {
            _overflow = true;
        }

        Quote();
    }

    /// <summary>Appends bytes as they are.</summary>
    public void Raw(scoped ReadOnlySpan<byte> text)
    {
        if (!_overflow && text.TryCopyTo(_destination[_pos..]))
        {
            _pos += text.Length;
        }
        else
        {
            _overflow = true;
        }
    }

    /// <summary>Appends an integer in decimal without a name.</summary>
    public void RawNumber(long value)
    {
        if (!_overflow && Utf8Formatter.TryFormat(value, _destination[_pos..], out var n))
        {
            _pos += n;
        }
        else
        {
            _overflow = true;
        }
    }

    public readonly bool Finish(out int written)
    {
        written = _overflow ? 0 : _pos;
        return !_overflow;
    }

    private void Name(scoped ReadOnlySpan<byte> name)
    {
        if (_any)
        {
            Raw(_json ? ","u8 : "&"u8);
        }

        _any = true;
        if (_json)
        {
            Raw("\""u8);
            Raw(name);
            Raw("\":"u8);
        }
        else
        {
            Raw(name);
            Raw("="u8);
        }
    }

    private void Quote()
    {
        if (_json)
        {
            Raw("\""u8);
        }
    }
}
