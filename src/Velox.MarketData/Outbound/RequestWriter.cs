using System.Buffers.Text;
using Velox.Core.Numerics;

namespace Velox.MarketData.Outbound;

/// <summary>
/// Appends UTF-8 text, integers and exact fixed-point decimals into a caller buffer for request and order
/// builders; remembers overflow so a builder can append unconditionally and check once at the end.
/// </summary>
public ref struct RequestWriter
{
    private readonly Span<byte> _destination;
    private int _pos;
    private bool _overflow;

    public RequestWriter(Span<byte> destination)
    {
        _destination = destination;
    }

    /// <summary>Appends bytes as they are (no JSON escaping: venue tokens only).</summary>
    public void Append(scoped ReadOnlySpan<byte> text)
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

    /// <summary>Appends an integer in decimal.</summary>
    public void Append(long value)
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

    /// <summary>Appends raw/10^scale as plain decimal text (no exponent, no trailing zeros).</summary>
    public void AppendDecimal(long raw, int scale)
    {
        if (!_overflow && FixedPoint.TryFormat(raw, scale, _destination[_pos..], out var n))
        {
            _pos += n;
        }
        else
        {
            _overflow = true;
        }
    }

    /// <summary>Bytes appended so far.</summary>
    public readonly int Length => _pos;

    /// <summary>Bytes written; false (and 0) when the destination was too small.</summary>
    public readonly bool Finish(out int written)
    {
        written = _overflow ? 0 : _pos;
        return !_overflow;
    }
}
