using System.Text;
using System.Text.Json;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Venues.Binance;

/// <summary>
/// One Binance spot or USD-M futures WebSocket client: streams named in the URL (<c>/ws/btcusdt@depth@100ms</c> raw,
/// <c>/stream?streams=a/b</c> combined, wrapped as <c>{"stream":..,"data":..}</c>) or added with
/// SUBSCRIBE/UNSUBSCRIBE (<c>{"result":null,"id":N}</c>). Depth streams: <c>@depth</c> and <c>@depth@100ms</c>,
/// on futures also <c>@depth@0ms</c> (all carry the same diffs here). Faults: dropped diff (a U/u gap, on
/// futures a pu break), truncated diff, disconnect.
/// </summary>
public sealed class BinanceConnection : VenueConnection
{
    private readonly string _path;
    private readonly bool[] _depth;
    private readonly bool[] _trades;
    private readonly byte[][] _depthNames;
    private readonly byte[][] _tradeNames;
    private readonly string[] _depthSuffixes;
    private bool _combined;

    /// <summary>Creates the client of <paramref name="requestPath"/> (the upgrade's path and query).</summary>
    public BinanceConnection(VenueExchange exchange, IFrameSink sink, string requestPath)
        : base(exchange, sink)
    {
        _path = requestPath;
        var count = exchange.Market.Count;
        _depth = new bool[count];
        _trades = new bool[count];
        _depthNames = new byte[count][];
        _tradeNames = new byte[count][];
        _depthSuffixes = exchange.Dialect is BinanceDialect { UsdmFutures: true } ? ["@depth@100ms", "@depth", "@depth@0ms"] : ["@depth@100ms", "@depth"];
        for (var i = 0; i < count; i++)
        {
            var lower = exchange.Market[i].Spec.Symbol.ToLowerInvariant();
            _depthNames[i] = Encoding.ASCII.GetBytes(lower + "@depth@100ms");
            _tradeNames[i] = Encoding.ASCII.GetBytes(lower + "@trade");
        }
    }

    /// <summary>Streams the URL or a request named that this venue does not have.</summary>
    public int UnknownStreams { get; private set; }

    /// <inheritdoc />
    public override void Open()
    {
        base.Open();
        string streams;
        if (_path.StartsWith("/stream?streams=", StringComparison.Ordinal))
        {
            _combined = true;
            streams = _path["/stream?streams=".Length..];
        }
        else if (_path.StartsWith("/ws/", StringComparison.Ordinal))
        {
            streams = _path["/ws/".Length..];
        }
        else if (_path is "/ws" or "/stream")
        {
            _combined = _path == "/stream";
            return;
        }
        else
        {
            // Binance answers unknown paths with 404 before the upgrade; after it, the closest is to hang up.
            UnknownStreams++;
            Close();
            return;
        }

        foreach (var name in streams.Split('/'))
        {
            if (!Set(name, subscribe: true))
            {
                UnknownStreams++;
                Close();
                return;
            }
        }
    }

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        long id = 0;
        var ok = false;
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            id = root.TryGetProperty("id", out var idElement) && idElement.TryGetInt64(out var parsed) ? parsed : 0;
            var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (method is "SUBSCRIBE" or "UNSUBSCRIBE" && root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
            {
                ok = true;
                foreach (var element in parameters.EnumerateArray())
                {
                    ok &= element.ValueKind == JsonValueKind.String && Set(element.GetString()!, method == "SUBSCRIBE");
                }
            }
        }
        catch (JsonException)
        {
            ok = false;
        }

        Writer.Reset();
        if (ok)
        {
            Writer.Raw("{\"result\":null,\"id\":"u8);
        }
        else
        {
            UnknownStreams++;
            Writer.Raw("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":"u8);
        }

        Writer.Integer(id);
        Writer.Byte((byte)'}');
        Sink.Send(Writer.Written);
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth ? _depth[entry.Instrument] : _trades[entry.Instrument];

    private protected override void Render(in FrameLog.Entry entry, ReadOnlySpan<byte> frame, FrameWriter writer)
    {
        if (!_combined)
        {
            writer.Raw(frame);
            return;
        }

        writer.Raw("{\"stream\":\""u8);
        writer.Raw(entry.Stream == VenueStream.Depth ? _depthNames[entry.Instrument] : _tradeNames[entry.Instrument]);
        writer.Raw("\",\"data\":"u8);
        writer.Raw(frame);
        writer.Byte((byte)'}');
    }

    private bool Set(string stream, bool subscribe)
    {
        var name = Encoding.ASCII.GetBytes(stream);
        for (var i = 0; i < _depthNames.Length; i++)
        {
            // Every speed of the depth stream carries the same diffs here; combined frames name the one asked for.
            var lower = _tradeNames[i].AsSpan(0, _tradeNames[i].Length - "@trade".Length);
            if (name.AsSpan().StartsWith(lower) && _depthSuffixes.Contains(stream[lower.Length..]))
            {
                _depth[i] = subscribe;
                _depthNames[i] = name;
                return true;
            }

            if (name.AsSpan().SequenceEqual(_tradeNames[i]))
            {
                _trades[i] = subscribe;
                return true;
            }
        }

        return false;
    }
}
