using System.Diagnostics;
using System.Net.WebSockets;
using Velox.Core.Metrics;
using Velox.Net.WebSockets;

namespace Velox.PeerBench.Echo;

/// <summary>The .NET clients of the round-trip pairs: ours (Velox.Net) and the BCL's ClientWebSocket.</summary>
public static class EchoClients
{
    /// <summary>Velox.Net client: SendText, then Poll (waiting in the socket, not spinning) until the echo arrives.</summary>
    public static LatencyHistogram Velox(Uri url, EchoOptions options)
    {
        using var connection = WebSocketClient.Connect(url);
        var payload = new byte[options.PayloadBytes];
        payload.AsSpan().Fill((byte)'x');
        var histogram = new LatencyHistogram();
        var reply = default(ReplyCounter);
        for (var i = 0; i < options.Warmup + options.Count; i++)
        {
            var expected = reply.Replies + 1;
            var start = Stopwatch.GetTimestamp();
            connection.SendText(payload);
            while (reply.Replies < expected)
            {
                if (connection.Poll(ref reply, options.ReplyTimeout) == 0)
                {
                    throw new IOException($"no echo from {url} within {options.ReplyTimeout} (state {connection.State})");
                }
            }

            if (i >= options.Warmup)
            {
                histogram.Record((long)Stopwatch.GetElapsedTime(start).TotalNanoseconds);
            }
        }

        connection.Close(WebSocketCloseCode.NormalClosure, default, TimeSpan.FromSeconds(1));
        return histogram;
    }

    /// <summary>System.Net.WebSockets.ClientWebSocket: await SendAsync, await ReceiveAsync.</summary>
    public static LatencyHistogram Bcl(Uri url, EchoOptions options) => BclAsync(url, options).GetAwaiter().GetResult();

    private static async Task<LatencyHistogram> BclAsync(Uri url, EchoOptions options)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, CancellationToken.None).ConfigureAwait(false);
        var payload = new byte[options.PayloadBytes];
        payload.AsSpan().Fill((byte)'x');
        var buffer = new byte[options.PayloadBytes * 4];
        var histogram = new LatencyHistogram();
        for (var i = 0; i < options.Warmup + options.Count; i++)
        {
            using var timeout = new CancellationTokenSource(options.ReplyTimeout);
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(payload, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token).ConfigureAwait(false);
            }
            while (!received.EndOfMessage);

            if (i >= options.Warmup)
            {
                histogram.Record((long)Stopwatch.GetElapsedTime(start).TotalNanoseconds);
            }
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        return histogram;
    }

    private struct ReplyCounter : IWebSocketHandler
    {
        public long Replies { get; private set; }

        public void OnMessage(ReadOnlySpan<byte> payload, bool isText, long receiveTimestamp) => Replies++;

        public readonly void OnClose(int closeStatus, ReadOnlySpan<byte> reason)
        {
        }
    }
}
