using Velox.MarketData.Outbound;

namespace Velox.Venues.Binance.Trading;

/// <summary>
/// Writes request parameters either as a query string (<c>a=1&amp;b=x</c>, the signature payload and the REST
/// body) or as JSON object members (<c>"a":1,"b":"x"</c>, the WebSocket API params), so one parameter list
/// produces both forms. Values are venue tokens (symbols, enums, ids, hex): no escaping. Remembers overflow;
/// check once with <see cref="Finish"/>.
/// </summary>
internal ref struct ParamWriter
{
    private readonly bool _json;
    private RequestWriter _writer;
    private bool _any;

    public ParamWriter(Span<byte> destination, bool json)
    {
        _writer = new RequestWriter(destination);
        _json = json;
    }

    public readonly int Length => _writer.Length;

    /// <summary>A string parameter: <c>name=value</c> or <c>"name":"value"</c>.</summary>
    public void Text(scoped ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> value)
    {
        Name(name);
        Quote();
        _writer.Append(value);
        Quote();
    }

    /// <summary>An integer parameter: <c>name=123</c> or <c>"name":123</c>.</summary>
    public void Number(scoped ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        _writer.Append(value);
    }

    /// <summary>An exact decimal parameter (raw / 10^scale, no exponent, no trailing zeros), quoted in JSON.</summary>
    public void Decimal(scoped ReadOnlySpan<byte> name, long raw, int scale)
    {
        Name(name);
        Quote();
        _writer.AppendDecimal(raw, scale);
        Quote();
    }

    /// <summary>Appends bytes as they are.</summary>
    public void Raw(scoped ReadOnlySpan<byte> text) => _writer.Append(text);

    /// <summary>Appends an integer in decimal without a name.</summary>
    public void RawNumber(long value) => _writer.Append(value);

    public readonly bool Finish(out int written) => _writer.Finish(out written);

    private void Name(scoped ReadOnlySpan<byte> name)
    {
        if (_any)
        {
            _writer.Append(_json ? ","u8 : "&"u8);
        }

        _any = true;
        if (_json)
        {
            _writer.Append("\""u8);
            _writer.Append(name);
            _writer.Append("\":"u8);
        }
        else
        {
            _writer.Append(name);
            _writer.Append("="u8);
        }
    }

    private void Quote()
    {
        if (_json)
        {
            _writer.Append("\""u8);
        }
    }
}
