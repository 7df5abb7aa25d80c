using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Velox.Core.Metrics;

namespace Velox.PeerBench.Echo;

/// <summary>The floor: raw loopback TCP (TCP_NODELAY, blocking sockets) echoing the same payload, no WebSocket framing.</summary>
public static class TcpEcho
{
    public static RoundTripResult Run(EchoOptions options)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var serverThread = new Thread(() => Serve(listener, options.PayloadBytes)) { IsBackground = true, Name = "tcp-echo" };
        serverThread.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.ReceiveTimeout = (int)options.ReplyTimeout.TotalMilliseconds;
        client.Connect(listener.LocalEndPoint!);
        var payload = new byte[options.PayloadBytes];
        payload.AsSpan().Fill((byte)'x');
        var reply = new byte[options.PayloadBytes];
        var histogram = new LatencyHistogram();
        for (var i = 0; i < options.Warmup + options.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            client.Send(payload);
            var got = 0;
            while (got < reply.Length)
            {
                var n = client.Receive(reply.AsSpan(got));
                if (n == 0)
                {
                    throw new IOException("tcp echo server closed the connection");
                }

                got += n;
            }

            if (i >= options.Warmup)
            {
                histogram.Record((long)Stopwatch.GetElapsedTime(start).TotalNanoseconds);
            }
        }

        client.Shutdown(SocketShutdown.Both);
        serverThread.Join(options.ReplyTimeout);
        return RoundTripResult.From("raw-tcp", "dotnet-socket", "dotnet-socket", histogram);
    }

    private static void Serve(Socket listener, int payloadBytes)
    {
        using var connection = listener.Accept();
        connection.NoDelay = true;
        var buffer = new byte[payloadBytes * 4];
        while (true)
        {
            int n;
            try
            {
                n = connection.Receive(buffer);
            }
            catch (SocketException)
            {
                return;
            }

            if (n == 0)
            {
                return;
            }

            connection.Send(buffer.AsSpan(0, n));
        }
    }
}
