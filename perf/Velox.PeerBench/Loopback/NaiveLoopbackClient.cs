using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Velox.PeerBench.Replay;

namespace Velox.PeerBench.Loopback;

/// <summary>
/// The naive .NET pipeline on the same loopback stream: System.Net.WebSockets.ClientWebSocket,
/// JsonDocument per frame, <see cref="NaiveBook"/>; it checks SEQ_ALL continuity and every checksum,
/// like the Velox side.
/// </summary>
public static class NaiveLoopbackClient
{
    public static ThroughputResult Run(LoopbackSource source, int frames, TimeSpan timeout, byte[]? blastWire = null) =>
        RunAsync(source, frames, timeout, blastWire).GetAwaiter().GetResult();

    public static async Task<ThroughputResult> RunAsync(LoopbackSource source, int frames, TimeSpan timeout, byte[]? blastWire = null)
    {
        using var server = LoopbackServer.Start(source, blastWire);
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Url, cancel.Token).ConfigureAwait(false);
        var state = new NaiveState();
        var buffer = new byte[64 * 1024];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await socket.SendAsync(LoopbackStream.ConfMessage, WebSocketMessageType.Text, true, cancel.Token).ConfigureAwait(false);
        await socket.SendAsync(LoopbackStream.SubscribeMessage, WebSocketMessageType.Text, true, cancel.Token).ConfigureAwait(false);
        try
        {
            while (state.Frames < frames)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    received = await socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token).ConfigureAwait(false);
                    length += received.Count;
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                state.Frames++;
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                state.Process(document.RootElement);
            }
        }
        catch (OperationCanceledException)
        {
            // The time budget ran out: report what was read.
        }

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new ThroughputResult
        {
            Pipeline = "naive-dotnet",
            Scenario = "loopback-" + source.ToString().ToLowerInvariant(),
            Frames = state.Frames,
            Seconds = watch.Elapsed.TotalSeconds,
            AllocatedBytes = allocated,
            ChecksumsVerified = state.ChecksumsVerified,
            ChecksumMismatches = state.ChecksumMismatches,
            Errors = state.SequenceGaps,
            Tops = state.Tops(),
            Notes = "ClientWebSocket + JsonDocument + SortedDictionary<decimal,decimal> (SEQ_ALL, checksums); allocation is process-wide (server included)",
        };
    }

    private sealed class NaiveState
    {
        private readonly Dictionary<long, (string Symbol, NaiveBook Book)> _channels = [];
        private long _lastSequence = -1;

        public long Frames { get; set; }

        public long ChecksumsVerified { get; private set; }

        public long ChecksumMismatches { get; private set; }

        public long SequenceGaps { get; private set; }

        public void Process(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("event", out var e) && e.GetString() == "subscribed" && root.GetProperty("channel").GetString() == "book")
                {
                    _channels[root.GetProperty("chanId").GetInt64()] = (root.GetProperty("symbol").GetString()!, new NaiveBook());
                }

                return;
            }

            var length = root.GetArrayLength();
            var sequence = root[length - 1].GetInt64();
            if (_lastSequence >= 0 && sequence != _lastSequence + 1)
            {
                SequenceGaps++;
            }

            _lastSequence = sequence;
            if (!_channels.TryGetValue(root[0].GetInt64(), out var channel))
            {
                return;
            }

            var payload = root[1];
            if (payload.ValueKind == JsonValueKind.String)
            {
                if (payload.GetString() == "cs")
                {
                    if (channel.Book.Checksum() == root[2].GetInt32())
                    {
                        ChecksumsVerified++;
                    }
                    else
                    {
                        ChecksumMismatches++;
                    }
                }

                return;
            }

            if (payload[0].ValueKind == JsonValueKind.Array)
            {
                channel.Book.Clear();
                foreach (var level in payload.EnumerateArray())
                {
                    channel.Book.Apply(level[0].GetDecimal(), level[1].GetInt64(), level[2].GetDecimal());
                }
            }
            else
            {
                channel.Book.Apply(payload[0].GetDecimal(), payload[1].GetInt64(), payload[2].GetDecimal());
            }
        }

        public List<TopOfBook> Tops()
        {
            var tops = new List<TopOfBook>();
            foreach (var (symbol, book) in _channels.Values)
            {
                var hasBid = book.Bids.Count > 0;
                var hasAsk = book.Asks.Count > 0;
                var bid = hasBid ? book.Bids.First() : default;
                var ask = hasAsk ? book.Asks.First() : default;
                tops.Add(new TopOfBook(symbol, hasBid ? bid.Key : null, hasBid ? bid.Value : null, hasAsk ? ask.Key : null, hasAsk ? ask.Value : null));
            }

            return tops;
        }
    }
}
