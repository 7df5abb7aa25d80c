using System.Text.Json;
using Velox.Simulator.Bitfinex;

namespace Velox.Simulator.Venues.Mexc;

/// <summary>
/// One MEXC spot v3 public client (<c>/ws</c>): <c>{"method":"SUBSCRIPTION"|"UNSUBSCRIPTION","params":[channels]}</c>
/// answered with <c>{"id":0,"code":0,"msg":"channels"}</c> (a non-zero code when a channel is unknown), then
/// binary protobuf pushes of the aggregated depth and deals; <c>{"method":"PING"}</c> → <c>{"id":0,"code":0,"msg":"PONG"}</c>.
/// Books sync from the REST snapshot (<c>/api/v3/depth</c>, same shape as Binance's) bridged by fromVersion/toVersion.
/// Faults: dropped push (a version gap), truncated push, disconnect. Built from documentation: NOT verified on real traffic.
/// </summary>
public sealed class MexcConnection : VenueConnection
{
    private readonly bool[] _depth;
    private readonly bool[] _deals;

    public MexcConnection(VenueExchange exchange, IFrameSink sink)
        : base(exchange, sink)
    {
        _depth = new bool[exchange.Market.Count];
        _deals = new bool[exchange.Market.Count];
    }

    /// <summary>PINGs answered.</summary>
    public long Pongs { get; private set; }

    /// <inheritdoc />
    public override void OnClientMessage(ReadOnlySpan<byte> utf8)
    {
        var refused = new List<string>();
        var accepted = new List<string>();
        try
        {
            using var request = JsonDocument.Parse(utf8.ToArray());
            var root = request.RootElement;
            var method = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (method == "PING")
            {
                Pongs++;
                Reply(0, "PONG");
                return;
            }

            if (method is not ("SUBSCRIPTION" or "UNSUBSCRIPTION") || !root.TryGetProperty("params", out var channels) || channels.ValueKind != JsonValueKind.Array)
            {
                Reply(1, "Invalid request");
                return;
            }

            foreach (var channel in channels.EnumerateArray())
            {
                var name = channel.ValueKind == JsonValueKind.String ? channel.GetString()! : string.Empty;
                (Set(name, method == "SUBSCRIPTION") ? accepted : refused).Add(Printable(name));
            }
        }
        catch (JsonException)
        {
            Reply(1, "Invalid request");
            return;
        }

        Reply(
            refused.Count == 0 ? 0 : 1,
            refused.Count == 0 ? string.Join(',', accepted) : $"Not Subscribed successfully! [{string.Join(',', refused)}]. Reason: invalid channel");
    }

    private protected override bool Wants(in FrameLog.Entry entry) =>
        entry.Stream == VenueStream.Depth ? _depth[entry.Instrument] : _deals[entry.Instrument];

    /// <inheritdoc />
    protected override void Send(ReadOnlySpan<byte> frame) => Sink.SendBinary(frame);

    private bool Set(string channel, bool subscribe)
    {
        var depth = channel.StartsWith(MexcDialect.DepthChannel, StringComparison.Ordinal);
        if (!depth && !channel.StartsWith(MexcDialect.DealsChannel, StringComparison.Ordinal))
        {
            return false;
        }

        var instrument = Exchange.Market.IndexOf(channel.AsSpan((depth ? MexcDialect.DepthChannel : MexcDialect.DealsChannel).Length));
        if (instrument < 0)
        {
            return false;
        }

        (depth ? _depth : _deals)[instrument] = subscribe;
        return true;
    }

    private void Reply(int code, string message)
    {
        Writer.Reset();
        Writer.Raw("{\"id\":0,\"code\":"u8);
        Writer.Integer(code);
        Writer.Raw(",\"msg\":"u8);
        Writer.Quoted(message);
        Writer.Byte((byte)'}');
        Sink.Send(Writer.Written);
    }
}
